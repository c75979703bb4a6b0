// Accessibility repairs to the theme's markup, applied once the page has loaded.
// Each one makes the accessible name match the visible text, or puts content in a landmark.
document.addEventListener("DOMContentLoaded", () => {
  // Search buttons show "Search Ctrl+K" but were named only "Search".
  document.querySelectorAll("button.search-button__button[aria-label]").forEach((button) => {
    button.removeAttribute("aria-label");
  });
  // "Show code cell source" toggles were named "Toggle hidden content".
  document.querySelectorAll("summary[aria-label='Toggle hidden content']").forEach((summary) => {
    summary.removeAttribute("aria-label");
  });
  // The site title in the sidebar sat outside any landmark.
  document.querySelectorAll(".bd-sidebar-primary").forEach((sidebar) => {
    if (!sidebar.getAttribute("role")) {
      sidebar.setAttribute("role", "complementary");
      sidebar.setAttribute("aria-label", "Site navigation");
    }
  });
});
