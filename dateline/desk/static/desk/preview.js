// Live preview: post the editor's form to the preview URL as the copy changes and show the
// article page it renders. The iframe's own src already shows the saved article without it.
(function () {
  "use strict";
  const frame = document.getElementById("article-preview");
  const form = document.getElementById("article_form");
  if (!frame || !form) return;
  let timer = null;
  async function update() {
    const response = await fetch(frame.dataset.previewUrl, {
      method: "POST", body: new FormData(form), credentials: "same-origin",
    });
    if (response.ok) frame.srcdoc = await response.text();
  }
  function later() { clearTimeout(timer); timer = setTimeout(update, 800); }
  form.addEventListener("input", later);
  form.addEventListener("change", later);
  // The rich-text editor writes to its hidden textarea; watch it too.
  new MutationObserver(later).observe(form, { subtree: true, characterData: true, childList: true });
})();
