// Accessibility repairs to the theme's markup, applied once the page has loaded.
// Each one gives a landmark or a heading what assistive technology needs to announce it.
document.addEventListener("DOMContentLoaded", () => {
  // Sphinx marks the sidebar's section captions as headings without a level.
  document.querySelectorAll("p.caption[role='heading']:not([aria-level])").forEach((caption) => {
    caption.setAttribute("aria-level", "2");
  });
  // "Show code cell source" toggles were named "Toggle hidden content".
  document.querySelectorAll("summary[aria-label='Toggle hidden content']").forEach((summary) => {
    summary.removeAttribute("aria-label");
  });
  // A code block wider than the page scrolls: keyboard users must be able to reach it.
  document.querySelectorAll("pre").forEach((block) => {
    if (block.scrollWidth > block.clientWidth && !block.hasAttribute("tabindex")) {
      block.setAttribute("tabindex", "0");
    }
  });
  // The search page has no first-level heading: give it the page's own title.
  const article = document.querySelector("article[role='main']");
  if (article && !document.querySelector("h1")) {
    const heading = document.createElement("h1");
    heading.textContent = document.title.split(" - ")[0];
    article.prepend(heading);
  }
  // The two side panels are both <aside>: each needs a name of its own.
  const names = { "sidebar-drawer": "Site navigation", "toc-drawer": "On this page" };
  Object.entries(names).forEach(([name, label]) => {
    document.querySelectorAll(`aside.${name}:not([aria-label])`).forEach((aside) => {
      aside.setAttribute("aria-label", label);
    });
  });
});

// Projector view: on a notebook page, a button hides the code and the side panels and
// enlarges the text, for a class reading one page together. Escape or the button again
// goes back; "#projector" in the address opens the page in it.
document.addEventListener("DOMContentLoaded", () => {
  const article = document.querySelector("article[role='main']");
  if (!article || !document.querySelector(".cell")) return;
  const root = document.documentElement;
  const spanish = (root.lang || "").startsWith("es");
  const button = document.createElement("button");
  button.type = "button";
  button.className = "projector-toggle";
  const set = (on) => {
    root.classList.toggle("projector", on);
    button.setAttribute("aria-pressed", on ? "true" : "false");
    button.textContent = on ? (spanish ? "Salir de la vista de proyector" : "Leave projector view")
      : (spanish ? "Vista de proyector" : "Projector view");
    const hash = on ? "#projector" : "";
    if ((location.hash === "#projector") !== on) {
      history.replaceState(null, "", location.pathname + location.search + hash);
    }
  };
  button.addEventListener("click", () => set(!root.classList.contains("projector")));
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && root.classList.contains("projector")) set(false);
  });
  article.prepend(button);
  set(location.hash === "#projector");
});

// The other edition of this page: English pages live at the site's root, each language's at
// <root>/<lang>/ under the same names. A plain relative link, so it works offline too.
document.addEventListener("DOMContentLoaded", () => {
  const root = document.documentElement;
  const base = root.dataset.content_root;
  const article = document.querySelector("article[role='main']");
  if (base === undefined || !article) return;
  const here = new URL(location.href);
  const rootUrl = new URL(base, here);
  const page = here.pathname.slice(rootUrl.pathname.length) || "index.html";
  const spanish = (root.lang || "").startsWith("es");
  const link = document.createElement("a");
  link.className = "language-switch";
  link.href = base + (spanish ? "../" : "es/") + page + here.hash;
  link.hreflang = spanish ? "en" : "es";
  link.lang = spanish ? "en" : "es";
  link.textContent = spanish ? "English" : "Español";
  article.prepend(link);
});
