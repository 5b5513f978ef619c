// Shared by the page inventory (every element) and the testkit (one element): an element's fingerprint.
const INTERACTIVE = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], ' +
    '[role=link], [role=tab], [role=menuitem], [role=checkbox], [role=switch], [role=searchbox], [role=textbox], ' +
    '[role=combobox], [data-testid], [data-test-id], [data-test]';
  // Control characters (C0, DEL, C1) never reach a fingerprint: they break logs, JSON readers and locators.
  const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
  const text = (s) => (s || '').replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
  const attr = (el, name) => { const v = el.getAttribute(name); return v === null ? null : v.replace(CONTROL, ''); };
  // Boxes measured once per script run: parents and landmarks are shared by many elements.
  const rects = new Map();
  const rectOf = (el) => {
    let r = rects.get(el);
    if (!r) { r = el.getBoundingClientRect(); rects.set(el, r); }
    return r;
  };
  const visible = (el) => {
    const r = rectOf(el);
    if (r.width === 0 || r.height === 0) return false;
    const st = getComputedStyle(el);
    return st.visibility !== 'hidden' && st.display !== 'none' && st.opacity !== '0';
  };
  const implicitRole = (el) => {
    const tag = el.tagName.toLowerCase();
    const type = (attr(el, 'type') || '').toLowerCase();
    if (tag === 'a') return el.hasAttribute('href') ? 'link' : null;
    if (tag === 'button') return 'button';
    if (tag === 'select') return (el.multiple || el.size > 1) ? 'listbox' : 'combobox';
    if (tag === 'textarea') return 'textbox';
    if (tag === 'summary') return 'button';
    if (/^h[1-6]$/.test(tag)) return 'heading';
    if (tag === 'input') {
      if (['submit', 'button', 'reset', 'image'].includes(type)) return 'button';
      if (type === 'checkbox') return 'checkbox';
      if (type === 'radio') return 'radio';
      if (type === 'search') return el.hasAttribute('list') ? 'combobox' : 'searchbox';
      if (type === 'number') return 'spinbutton';
      if (type === 'range') return 'slider';
      if (['', 'text', 'email', 'tel', 'url'].includes(type)) return el.hasAttribute('list') ? 'combobox' : 'textbox';
      return null;  // password, date, file, color... have no ARIA role
    }
    return null;
  };
  // A label wrapped around a select or textarea holds the control's own text (every option); it names the
  // control without it, as Playwright's get_by_label and get_by_role do.
  const labelText = (l, el) => {
    if (!['SELECT', 'TEXTAREA'].includes(el.tagName) || !l.contains(el)) return text(l.innerText || l.textContent);
    const parts = [];
    const walker = document.createTreeWalker(l, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) if (!el.contains(n)) parts.push(n.textContent);
    return text(parts.join(''));
  };
  const labelOf = (el) => {
    const parts = [];
    if (el.labels && el.labels.length) for (const l of el.labels) parts.push(labelText(l, el));
    const by = attr(el, 'aria-labelledby');
    if (by) for (const id of by.split(/\s+/)) { const t = document.getElementById(id); if (t) parts.push(text(t.textContent)); }
    return text(parts.join(' ')) || null;
  };
  const nameOf = (el, role) => {
    const aria = attr(el, 'aria-label');
    if (aria) return text(aria);
    const label = labelOf(el);
    const tag = el.tagName.toLowerCase();
    const type = (attr(el, 'type') || '').toLowerCase();
    if (tag === 'input' && ['submit', 'button', 'reset'].includes(type)) return text(el.value || (type === 'submit' ? 'Submit' : ''));
    if (tag === 'input' && type === 'image') return text(el.alt || '');
    if (label) return label;
    if (['link', 'button', 'heading', 'tab', 'menuitem', 'checkbox', 'radio'].includes(role) && tag !== 'input') {
      const clone = el.cloneNode(true);
      clone.querySelectorAll('[aria-hidden=true]').forEach((n) => n.remove());
      const t = text(clone.textContent);
      if (t) return t;
      const img = el.querySelector('img[alt]');
      if (img) return text(img.alt);
    }
    return text(attr(el, 'title') || attr(el, 'placeholder') || '') || null;
  };
  const xpathOf = (el, stopAtId) => {
    const segs = [];
    for (let n = el; n && n.nodeType === 1; n = n.parentElement) {
      if (stopAtId && n !== el && n.id) { segs.unshift(`//*[@id="${attr(n, 'id')}"]`); return segs.join('/'); }
      let i = 1;
      for (let s = n.previousElementSibling; s; s = s.previousElementSibling) if (s.tagName === n.tagName) i++;
      segs.unshift(`${n.tagName.toLowerCase()}[${i}]`);
    }
    return '/' + segs.join('/');
  };
  // The nearest visible text before the element, within the page body (never <head>, scripts or styles).
  const SKIP = new Set(['HEAD', 'SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT']);
  const neighborText = (el) => {
    for (let n = el, depth = 0; n && n !== document.body && depth < 4; n = n.parentElement, depth++) {
      for (let s = n.previousElementSibling; s; s = s.previousElementSibling) {
        if (SKIP.has(s.tagName)) continue;
        const t = text(s.innerText || s.textContent);
        if (t) return t.slice(0, 80);
      }
    }
    return null;
  };
  // Visible text pieces of the page, measured once per script run: the raw material of directional neighbours.
  let textBoxes = null;
  let tallest = 0;
  const pageTexts = () => {
    if (textBoxes) return textBoxes;
    textBoxes = [];
    const shown = new Map();
    const walker = document.createTreeWalker(document.body || document.documentElement, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let n = walker.nextNode(); n && textBoxes.length < 3000; n = walker.nextNode()) {
      const t = text(n.data);
      const parent = n.parentElement;
      if (!t || !parent || SKIP.has(parent.tagName)) continue;
      if (!shown.has(parent)) {
        const st = getComputedStyle(parent);
        shown.set(parent, st.visibility !== 'hidden' && st.display !== 'none');
      }
      if (!shown.get(parent)) continue;
      range.selectNodeContents(n);
      const r = range.getBoundingClientRect();
      if (r.width < 2 || r.height < 2) continue;  // hidden, or a screen-reader-only 1px box
      textBoxes.push({ t: t.slice(0, 80), left: r.left, right: r.right, top: r.top, bottom: r.bottom });
      tallest = Math.max(tallest, r.height);
    }
    textBoxes.sort((a, b) => a.top - b.top);  // so each element only visits the boxes within reach vertically
    return textBoxes;
  };
  // The nearest text above and below (within a 45-degree cone, nearest by gap); left and right, the text of the
  // same line nearest first (a table row's cells name its record: "Active Admin ada@example.com Ada Lovelace"),
  // else the nearest text in the cone.
  const NEAR = 400;
  const directionalText = (el, r) => {
    const best = { above: [NEAR, null], below: [NEAR, null], left: [NEAR, null], right: [NEAR, null] };
    const line = { left: [], right: [] };
    const height = r.bottom - r.top;
    const boxes = pageTexts();
    // Every box within reach has top >= r.top - NEAR - tallest: start at the first such box.
    let lo = 0, hi = boxes.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (boxes[mid].top < r.top - NEAR - tallest) lo = mid + 1; else hi = mid; }
    for (let i = lo; i < boxes.length && boxes[i].top <= r.bottom + NEAR; i++) {
      const b = boxes[i];
      const dx = Math.max(0, b.left - r.right, r.left - b.right);
      const dy = Math.max(0, b.top - r.bottom, r.top - b.bottom);
      if (dx === 0 && dy === 0) continue;  // drawn over the element: its own text, or what overlaps it
      let side = null;
      if (b.bottom <= r.top + 2 && dx <= dy) side = 'above';
      else if (b.top >= r.bottom - 2 && dx <= dy) side = 'below';
      else if (b.right <= r.left + 2 && dy <= dx) side = 'left';
      else if (b.left >= r.right - 2 && dy <= dx) side = 'right';
      if (!side) continue;
      if ((side === 'left' || side === 'right') &&
          Math.min(b.bottom, r.bottom) - Math.max(b.top, r.top) >= 0.5 * Math.min(b.bottom - b.top, height)) {
        line[side].push([dx, b.t]);
      } else if (dx + dy < best[side][0]) {
        best[side] = [dx + dy, b.t];
      }
    }
    for (const side of ['left', 'right']) {
      if (line[side].length) {
        line[side].sort((a, b) => a[0] - b[0]);
        best[side] = [0, text(line[side].map((x) => x[1]).join(' ')).slice(0, 80)];
      }
    }
    return best;
  };
  // What VON Similo calls visually overlapping: parents and children whose box shares >= 50% of the larger area.
  const overlapShare = (a, b) => {
    const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
    const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
    const larger = Math.max(a.width * a.height, b.width * b.height);
    return w > 0 && h > 0 && larger > 0 ? (w * h) / larger : 0;
  };
  const ownText = (n) => {
    let t = '';
    for (const c of n.childNodes) if (c.nodeType === 3) t += c.data;
    return text(attr(n, 'aria-label') || attr(n, 'title') || attr(n, 'alt') || t);
  };
  const overlapText = (el, r) => {
    const found = [];
    for (let n = el.parentElement, depth = 0; n && n !== document.body && depth < 3; n = n.parentElement, depth++) {
      if (overlapShare(r, rectOf(n)) < 0.5) break;
      found.push(ownText(n));
    }
    const kids = el.getElementsByTagName('*');
    for (let i = 0; i < kids.length && i < 20; i++) {
      if (overlapShare(r, kids[i].getBoundingClientRect()) >= 0.5) found.push(ownText(kids[i]));
    }
    return text(Array.from(new Set(found.filter(Boolean))).join(' ')).slice(0, 120) || null;
  };
  const hrefPath = (el) => {
    const raw = attr(el, 'href');
    if (!raw || raw.startsWith('#') || /^(javascript|mailto|tel|data):/i.test(raw)) return null;
    try {
      const u = new URL(raw, document.baseURI);
      return (u.origin === location.origin ? '' : u.host) + u.pathname;
    } catch (e) {
      return raw.split(/[?#]/)[0] || null;
    }
  };
  const LANDMARKS = 'header, nav, main, aside, footer, form, dialog, [role=banner], [role=navigation], [role=main], ' +
    '[role=complementary], [role=contentinfo], [role=form], [role=dialog], [role=search]';
  const LANDMARK_ROLES = { banner: 'header', navigation: 'nav', main: 'main', complementary: 'aside',
    contentinfo: 'footer', form: 'form', dialog: 'dialog', search: 'form' };
  const landmarkOf = (el) => {
    const l = el.parentElement && el.parentElement.closest(LANDMARKS);
    if (!l) return null;
    const role = attr(l, 'role');
    return { el: l, name: LANDMARK_ROLES[role] || l.tagName.toLowerCase() };
  };
const fingerprintOf = (el, index) => {
    const r = rectOf(el);
    const role = attr(el, 'role') || implicitRole(el);
    const tag = el.tagName.toLowerCase();
    const type = (attr(el, 'type') || '').toLowerCase();
    const near = directionalText(el, r);
    const landmark = landmarkOf(el);
    const lr = landmark && rectOf(landmark.el);
    const cx = r.x + r.width / 2, cy = r.y + r.height / 2;
    return {
      index, tag, role,
      id: attr(el, 'id') || null,
      name: attr(el, 'name'),
      classes: text(el.getAttribute('class')) || null,
      accessible_name: nameOf(el, role),
      label: labelOf(el) || attr(el, 'aria-label'),
      placeholder: attr(el, 'placeholder'),
      // Only a button's value is its text; what a user typed (passwords included) is never recorded.
      text: text(el.innerText || el.textContent).slice(0, 200) ||
        (tag === 'input' && ['submit', 'button', 'reset'].includes(type) ? text(el.value) : null) || null,
      href: attr(el, 'href'),
      alt: attr(el, 'alt'),
      test_id: attr(el, 'data-testid') || attr(el, 'data-test-id') || attr(el, 'data-test'),
      input_type: tag === 'input' ? (type.replace(CONTROL, '') || 'text') : null,
      neighbor_text: neighborText(el),
      xpath: xpathOf(el, false),
      id_xpath: xpathOf(el, true),
      is_button: role === 'button',
      required: !!el.required,
      bounds: tag === 'input' && ['number', 'range'].includes(type) ? [attr(el, 'min'), attr(el, 'max')] : null,
      options: tag === 'select' ? Array.from(el.options).map((o) => [o.value.replace(CONTROL, ''), text(o.textContent)]) : null,
      form: el.form ? Array.from(document.forms).indexOf(el.form) : null,
      x: r.x, y: r.y, width: r.width, height: r.height, area: r.width * r.height,
      shape: r.height ? r.width / r.height : 0,
      neighbor_above: near.above[1], neighbor_below: near.below[1],
      neighbor_left: near.left[1], neighbor_right: near.right[1],
      overlap_text: overlapText(el, r),
      href_path: hrefPath(el),
      viewport_x: innerWidth ? cx / innerWidth : null, viewport_y: innerHeight ? cy / innerHeight : null,
      landmark: landmark && landmark.name,
      landmark_x: lr ? cx - lr.x : null, landmark_y: lr ? cy - lr.y : null,
    };
  };
