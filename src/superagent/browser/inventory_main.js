  const els = Array.from(document.querySelectorAll(INTERACTIVE + ', h1, h2, h3, h4, h5, h6')).filter(visible);
  window.__superagentElements = els;
  return els.map((el, index) => fingerprintOf(el, index));
}
