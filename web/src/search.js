// The search box: suggestions as you type, following the WAI-ARIA combobox
// pattern so that it works from the keyboard (arrows, Enter, Escape) and
// with a screen reader.

import { getJSON } from "./api.js";
import { TYPE_COLORS } from "./styles.js";

const DELAY_MS = 150; // wait for a pause in typing before asking the server

export function setupSearch({ input, button, list, onPick, onError }) {
  let items = [];
  let active = -1;
  let timer = 0;
  let controller = null;
  let lastQuery = "";

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function render() {
    list.replaceChildren();
    if (!items.length) {
      const li = document.createElement("li");
      li.className = "none";
      li.textContent = `No entity matches “${lastQuery}”.`;
      list.append(li);
    }
    items.forEach((item, i) => {
      const li = document.createElement("li");
      li.id = `suggestion-${i}`;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", String(i === active));
      const dot = document.createElement("span");
      dot.className = "dot";
      dot.style.background = TYPE_COLORS[item.type] || "#555";
      const name = document.createElement("span");
      name.className = "name";
      name.textContent = item.name;
      const meta = document.createElement("span");
      meta.className = "meta";
      meta.textContent = `${item.type} · ${item.mention_count} mention${item.mention_count === 1 ? "" : "s"}`;
      li.append(dot, name, meta);
      // mousedown, not click: a click would first blur the input and close the list.
      li.addEventListener("mousedown", (e) => {
        e.preventDefault();
        pick(i);
      });
      list.append(li);
    });
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
    if (active >= 0) input.setAttribute("aria-activedescendant", `suggestion-${active}`);
    else input.removeAttribute("aria-activedescendant");
  }

  async function suggest(q) {
    if (controller) controller.abort();
    controller = new AbortController();
    lastQuery = q;
    try {
      const res = await getJSON("/entities", { q, limit: 8 }, { what: `suggestions for “${q}”`, signal: controller.signal });
      if (q !== input.value.trim()) return; // typing went on meanwhile
      items = res.items;
      active = items.length ? 0 : -1;
      render();
      return items;
    } catch (err) {
      if (err.name !== "AbortError") onError(err);
      return null;
    }
  }

  function pick(i) {
    const item = items[i];
    if (!item) return;
    close();
    input.value = item.name;
    onPick(item);
  }

  async function searchNow() {
    const q = input.value.trim();
    if (!q) return;
    clearTimeout(timer);
    const found = q === lastQuery && !list.hidden ? items : await suggest(q);
    if (!found) return;
    if (found.length) pick(active >= 0 ? active : 0);
  }

  input.addEventListener("input", () => {
    clearTimeout(timer);
    const q = input.value.trim();
    if (q.length < 2) {
      close();
      return;
    }
    timer = setTimeout(() => suggest(q), DELAY_MS);
  });
  input.addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (list.hidden || !items.length) return;
      e.preventDefault();
      const step = e.key === "ArrowDown" ? 1 : -1;
      active = (active + step + items.length) % items.length;
      render();
    } else if (e.key === "Enter") {
      e.preventDefault();
      searchNow();
    } else if (e.key === "Escape") {
      close();
    }
  });
  input.addEventListener("blur", () => setTimeout(close, 100));
  button.addEventListener("click", searchNow);
}
