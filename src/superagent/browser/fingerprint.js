// Shared by the page inventory (every element) and the testkit (one element): an element's fingerprint.
const INTERACTIVE = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], ' +
    '[role=link], [role=tab], [role=menuitem], [role=checkbox], [role=switch], [role=searchbox], [role=textbox], ' +
    '[role=combobox], [data-testid], [data-test-id], [data-test]';
  const text = (s) => (s || '').replace(/\s+/g, ' ').trim();
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return false;
    const st = getComputedStyle(el);
    return st.visibility !== 'hidden' && st.display !== 'none' && st.opacity !== '0';
  };
  const implicitRole = (el) => {
    const tag = el.tagName.toLowerCase();
    const type = (el.getAttribute('type') || '').toLowerCase();
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
    const by = el.getAttribute('aria-labelledby');
    if (by) for (const id of by.split(/\s+/)) { const t = document.getElementById(id); if (t) parts.push(text(t.textContent)); }
    return text(parts.join(' ')) || null;
  };
  const nameOf = (el, role) => {
    const aria = el.getAttribute('aria-label');
    if (aria) return text(aria);
    const label = labelOf(el);
    const tag = el.tagName.toLowerCase();
    const type = (el.getAttribute('type') || '').toLowerCase();
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
    return text(el.getAttribute('title') || el.getAttribute('placeholder') || '') || null;
  };
  const xpathOf = (el, stopAtId) => {
    const segs = [];
    for (let n = el; n && n.nodeType === 1; n = n.parentElement) {
      if (stopAtId && n !== el && n.id) { segs.unshift(`//*[@id="${n.id}"]`); return segs.join('/'); }
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
const fingerprintOf = (el, index) => {
    const r = el.getBoundingClientRect();
    const role = el.getAttribute('role') || implicitRole(el);
    const tag = el.tagName.toLowerCase();
    const type = (el.getAttribute('type') || '').toLowerCase();
    return {
      index, tag, role,
      id: el.id || null,
      name: el.getAttribute('name'),
      classes: text(el.getAttribute('class')) || null,
      accessible_name: nameOf(el, role),
      label: labelOf(el) || el.getAttribute('aria-label'),
      placeholder: el.getAttribute('placeholder'),
      // Only a button's value is its text; what a user typed (passwords included) is never recorded.
      text: text(el.innerText || el.textContent).slice(0, 200) ||
        (tag === 'input' && ['submit', 'button', 'reset'].includes(type) ? text(el.value) : null) || null,
      href: el.getAttribute('href'),
      alt: el.getAttribute('alt'),
      test_id: el.getAttribute('data-testid') || el.getAttribute('data-test-id') || el.getAttribute('data-test'),
      input_type: tag === 'input' ? (type || 'text') : null,
      neighbor_text: neighborText(el),
      xpath: xpathOf(el, false),
      id_xpath: xpathOf(el, true),
      is_button: role === 'button',
      required: !!el.required,
      options: tag === 'select' ? Array.from(el.options).map((o) => [o.value, text(o.textContent)]) : null,
      form: el.form ? Array.from(document.forms).indexOf(el.form) : null,
      x: r.x, y: r.y, width: r.width, height: r.height, area: r.width * r.height,
      shape: r.height ? r.width / r.height : 0,
    };
  };
