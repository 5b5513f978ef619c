"""A settings form, a docs page with navigation, and search results with filters."""

from __future__ import annotations

SETTINGS = """
<html><head><title>Settings · Acme Cloud</title><style>
.topbar { display: flex; justify-content: space-between; align-items: center; padding: 12px 32px; background: #fff;
  border-bottom: 1px solid #e4e7eb; }
.brand { font-weight: 700; color: #1f2933; }
.avatar { display: inline-flex; width: 32px; height: 32px; border-radius: 50%; background: #2557d6; color: #fff;
  align-items: center; justify-content: center; font-size: 13px; }
.settings { max-width: 760px; margin: 24px auto; padding: 0 16px; }
.tabs { display: flex; gap: 4px; border-bottom: 1px solid #e4e7eb; margin-bottom: 16px; }
.tab { padding: 8px 14px; border: 0; background: none; font: inherit; cursor: pointer; }
.tab.active { border-bottom: 2px solid #2557d6; }
.panel { background: #fff; border: 1px solid #e4e7eb; border-radius: 8px; padding: 16px 20px; margin-bottom: 16px; }
.radios { display: flex; gap: 20px; }
.form-actions { display: flex; justify-content: flex-end; gap: 10px; }
.danger-zone { margin-top: 32px; padding: 16px 20px; border: 1px solid #f5b7b7; border-radius: 8px; }
</style></head>
<body>
<header class="topbar">
  <a class="brand" href="/">Acme Cloud</a>
  <a class="avatar" href="/account" aria-label="Account menu">JD</a>
</header>
<main class="settings">
  <h1>Settings</h1>
  <div class="tabs" role="tablist">
    <button class="tab active" role="tab" aria-selected="true" id="tab-profile">Profile</button>
    <button class="tab" role="tab" id="tab-notifications">Notifications</button>
    <button class="tab" role="tab" id="tab-security">Security</button>
    <button class="tab" role="tab" id="tab-billing">Billing</button>
  </div>
  <form class="settings-form" id="settings-form">
    <section class="panel" data-bench-section="prefs">
      <h2>Profile</h2>
      <div class="field"><label for="display-name">Display name</label>
        <input id="display-name" name="display_name" class="input" value="Jane Doe"></div>
      <div class="field"><label for="bio">Bio</label>
        <textarea id="bio" name="bio" class="input" rows="3"></textarea></div>
      <div class="field"><label for="language">Language</label>
        <select id="language" name="language" class="input"><option>English</option><option>Deutsch</option>
          <option>Français</option></select></div>
      <div class="field"><label for="timezone">Time zone</label>
        <select id="timezone" name="timezone" class="input"><option>UTC</option><option>Europe/Berlin</option>
          <option>America/New_York</option></select></div>
    </section>
    <section class="panel" data-bench-section="prefs">
      <h2>Notifications</h2>
      <label class="switch"><input type="checkbox" role="switch" name="notify_email" checked>
        Email notifications</label>
      <label class="switch"><input type="checkbox" role="switch" name="notify_push"> Push notifications</label>
      <label class="switch"><input type="checkbox" role="switch" name="weekly_digest" checked> Weekly digest</label>
      <label class="switch"><input type="checkbox" role="switch" name="marketing"> Product announcements</label>
    </section>
    <section class="panel" data-bench-section="prefs">
      <h2>Appearance</h2>
      <div class="radios" role="radiogroup" aria-label="Theme">
        <label class="radio"><input type="radio" name="theme" value="light" checked> Light</label>
        <label class="radio"><input type="radio" name="theme" value="dark"> Dark</label>
        <label class="radio"><input type="radio" name="theme" value="system"> Match system</label>
      </div>
      <label class="check"><input type="checkbox" name="compact" id="compact"> Compact mode</label>
    </section>
    <div class="form-actions">
      <a class="btn btn-ghost" href="/settings">Cancel</a>
      <button class="btn btn-primary" type="submit" data-testid="save-settings">Save</button>
    </div>
  </form>
  <section class="danger-zone">
    <h2>Danger zone</h2>
    <p>Deleting your account is permanent and cannot be undone.</p>
    <button class="btn btn-danger" type="button" id="delete-account">Delete account</button>
  </section>
</main>
</body></html>
"""

DOCS = """
<html><head><title>Configuration · Nimbus Docs</title><style>
.site-header { display: flex; align-items: center; gap: 28px; padding: 12px 32px; background: #fff;
  border-bottom: 1px solid #e4e7eb; }
.logo { font-weight: 800; color: #1f2933; }
.main-nav { display: flex; gap: 18px; list-style: none; margin: 0; padding: 0; flex: 1; }
.main-nav .active { font-weight: 700; }
.header-actions { display: flex; gap: 8px; }
.docs-layout { display: flex; gap: 32px; padding: 24px 32px; }
.docs-sidebar { width: 220px; }
.side-nav, .toc-list { list-style: none; margin: 0; padding: 0; }
.side-nav li, .toc-list li { padding: 3px 0; }
.doc { flex: 1; max-width: 720px; }
.breadcrumbs { font-size: 13px; color: #6b7785; margin-bottom: 8px; }
.doc-footer { display: flex; justify-content: space-between; margin: 32px 0 16px; }
.toc { width: 200px; font-size: 13px; }
.site-footer { display: flex; gap: 64px; padding: 32px; background: #1f2933; color: #cbd2d9; }
.site-footer a { color: #cbd2d9; }
.site-footer ul { list-style: none; margin: 0; padding: 0; }
</style></head>
<body>
<header class="site-header">
  <a class="logo" href="/">Nimbus</a>
  <ul class="main-nav" data-bench-section="nav">
    <li><a href="/">Home</a></li>
    <li><a href="/product">Product</a></li>
    <li><a href="/pricing">Pricing</a></li>
    <li><a class="active" href="/docs">Docs</a></li>
    <li><a href="/blog">Blog</a></li>
  </ul>
  <div class="header-actions">
    <a class="btn btn-ghost" href="/login">Log in</a>
    <a class="btn btn-primary" href="/signup">Get started</a>
  </div>
</header>
<div class="docs-layout">
  <aside class="docs-sidebar">
    <h2>Guides</h2>
    <ul class="side-nav" data-bench-section="nav">
      <li><a href="/docs/getting-started">Getting started</a></li>
      <li><a href="/docs/installation">Installation</a></li>
      <li><a href="/docs/configuration">Configuration</a></li>
      <li><a href="/docs/deploying">Deploying</a></li>
    </ul>
    <h2>Reference</h2>
    <ul class="side-nav" data-bench-section="nav">
      <li><a href="/docs/api">API reference</a></li>
      <li><a href="/docs/cli">CLI</a></li>
      <li><a href="/docs/env">Environment variables</a></li>
    </ul>
  </aside>
  <main class="doc">
    <nav class="breadcrumbs" aria-label="Breadcrumb"><a href="/docs">Docs</a> / <a href="/docs/guides">Guides</a> /
      <span>Configuration</span></nav>
    <h1>Configuration</h1>
    <p>Nimbus reads its settings from <code>nimbus.toml</code> at the root of your project, then from environment
      variables. Every option is listed in the <a href="/docs/reference/config">configuration reference</a>.</p>
    <h2 id="config-file">The config file</h2>
    <p>Start with the file generated by <code>nimbus init</code>; it documents the defaults inline.</p>
    <h2 id="env-overrides">Environment overrides</h2>
    <p>Any option can be overridden with a <code>NIMBUS_</code> variable of the same name.</p>
    <div class="doc-footer">
      <a class="prev" href="/docs/installation">Previous: Installation</a>
      <a class="next" href="/docs/deploying">Next: Deploying</a>
    </div>
    <a class="edit-link" href="https://example.com/nimbus/docs/edit/configuration.md">Edit this page</a>
  </main>
  <aside class="toc">
    <h2>On this page</h2>
    <ul class="toc-list">
      <li><a href="#config-file">The config file</a></li>
      <li><a href="#env-overrides">Environment overrides</a></li>
    </ul>
  </aside>
</div>
<footer class="site-footer">
  <div class="footer-col"><h3>Company</h3>
    <ul data-bench-section="nav"><li><a href="/about">About</a></li><li><a href="/careers">Careers</a></li>
      <li><a href="/press">Press</a></li></ul></div>
  <div class="footer-col"><h3>Legal</h3>
    <ul data-bench-section="nav"><li><a href="/privacy">Privacy</a></li><li><a href="/terms">Terms</a></li></ul></div>
  <div class="footer-col"><h3>Community</h3>
    <ul data-bench-section="nav"><li><a href="https://example.com/nimbus">GitHub</a></li>
      <li><a href="https://example.com/nimbus-chat">Discord</a></li></ul></div>
</footer>
</body></html>
"""

_RESULTS = [
    ("Nike Pegasus 40 road running shoe", "Responsive cushioning for everyday miles."),
    ("Adidas Ultraboost Light", "Energy return with a lighter foam."),
    ("New Balance Fresh Foam 1080", "Plush ride for long runs."),
    ("Asics Gel-Kayano 30", "Stability shoe with a smooth heel-to-toe transition."),
    ("Nike Vaporfly 3", "Carbon-plated racing shoe."),
]


def _result(n: int, title: str, snippet: str) -> str:
    return f"""
      <li class="result" data-bench-unit>
        <a class="result-title" href="/item/{n}">{title}</a>
        <p class="snippet">{snippet}</p>
        <button class="btn btn-sm save-btn" type="button">Save for later</button>
      </li>"""


SEARCH = (
    """
<html><head><title>running shoes · Findr</title><style>
.search-header { display: flex; gap: 24px; align-items: center; padding: 12px 32px; background: #fff;
  border-bottom: 1px solid #e4e7eb; }
.logo { font-weight: 800; color: #1f2933; }
.searchbar { display: flex; gap: 6px; flex: 1; max-width: 640px; }
.searchbar-input { flex: 1; padding: 8px 10px; border: 1px solid #c5ccd6; border-radius: 6px; font: inherit; }
.results-layout { display: flex; gap: 32px; padding: 24px 32px; }
.filters { width: 240px; }
.filter-group { border: 0; border-top: 1px solid #e4e7eb; padding: 8px 0; margin: 0; }
.filter-group legend { font-weight: 700; }
.filter-actions { display: flex; gap: 12px; align-items: center; margin-top: 12px; }
.results { flex: 1; }
.results-head { display: flex; gap: 10px; align-items: center; }
.count { flex: 1; }
.result-list { list-style: none; padding: 0; margin: 0; }
.result { background: #fff; border: 1px solid #e4e7eb; border-radius: 8px; padding: 12px 16px; margin-bottom: 10px; }
.result-title { font-size: 17px; font-weight: 600; }
.load-more { display: block; margin: 16px auto; }
</style></head>
<body>
<header class="search-header">
  <a class="logo" href="/">Findr</a>
  <form class="searchbar" role="search" action="/search">
    <label class="sr-only" for="q">Search query</label>
    <input id="q" name="q" type="search" class="searchbar-input" value="running shoes"
      placeholder="Search for anything">
    <button type="submit" class="btn btn-primary" data-testid="search-submit">Search</button>
  </form>
</header>
<div class="results-layout">
  <aside class="filters">
    <h2>Filters</h2>
    <fieldset class="filter-group" data-bench-section="filters">
      <legend>Brand</legend>
      <label class="check"><input type="checkbox" name="brand" value="nike"> Nike</label>
      <label class="check"><input type="checkbox" name="brand" value="adidas"> Adidas</label>
      <label class="check"><input type="checkbox" name="brand" value="new-balance"> New Balance</label>
      <label class="check"><input type="checkbox" name="brand" value="asics"> Asics</label>
    </fieldset>
    <fieldset class="filter-group" data-bench-section="filters">
      <legend>Price</legend>
      <div class="field"><label for="price-min">Min price</label>
        <input id="price-min" name="min" type="number" class="input" placeholder="0"></div>
      <div class="field"><label for="price-max">Max price</label>
        <input id="price-max" name="max" type="number" class="input" placeholder="500"></div>
    </fieldset>
    <fieldset class="filter-group" data-bench-section="filters">
      <legend>Customer rating</legend>
      <label class="radio"><input type="radio" name="rating" value="4"> 4 stars &amp; up</label>
      <label class="radio"><input type="radio" name="rating" value="3"> 3 stars &amp; up</label>
      <label class="radio"><input type="radio" name="rating" value="" checked> Any rating</label>
    </fieldset>
    <label class="check"><input type="checkbox" name="in_stock" id="in-stock"> In stock only</label>
    <div class="filter-actions">
      <button type="button" class="btn btn-primary" data-testid="apply-filters">Apply filters</button>
      <a class="link" href="/search?q=running+shoes">Clear all</a>
    </div>
  </aside>
  <main class="results">
    <div class="results-head">
      <p class="count">248 results for “running shoes”</p>
      <label for="sort-results">Sort</label>
      <select id="sort-results" name="sort" class="input" style="width: 160px">
        <option>Relevance</option><option>Newest</option><option>Price: low to high</option>
      </select>
    </div>
    <ol class="result-list">"""
    + "".join(_result(n, *r) for n, r in enumerate(_RESULTS, 1))
    + """
    </ol>
    <button class="btn load-more" type="button" id="load-more">Load more results</button>
  </main>
</div>
</body></html>
"""
)
