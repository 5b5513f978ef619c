() => {
  const text = (s) => (s || '').replace(/\s+/g, ' ').trim();
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return false;
    const st = getComputedStyle(el);
    return st.visibility !== 'hidden' && st.display !== 'none';
  };
  const all = (sel) => Array.from(document.querySelectorAll(sel)).filter(visible);
  const messages = all('[role=alert], [role=status], [aria-live], output').map((el) => ({
    role: el.getAttribute('role') || (el.tagName.toLowerCase() === 'output' ? 'status' : 'status'),
    text: text(el.innerText || el.textContent),
    explicit: el.hasAttribute('role'),
  })).filter((m) => m.text);
  const headings = all('h1, h2, h3, h4, h5, h6, [role=heading]').map((el) => text(el.innerText || el.textContent)).filter(Boolean);
  const controls = all('a[href], button, input[type=submit], input[type=button]').map((el) => ({
    role: el.tagName.toLowerCase() === 'a' ? 'link' : 'button',
    name: text(el.getAttribute('aria-label') || el.innerText || el.value || el.textContent),
  })).filter((c) => c.name);
  const items = all('li, article, tr, [role=listitem], [role=row]').length;
  return { url: location.href, title: document.title, messages, headings, controls, items };
}
