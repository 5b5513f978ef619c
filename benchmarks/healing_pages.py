"""The page corpus of the healing benchmark: seven hand-written pages, and how their wording changes.

Markup conventions read (then stripped) by ``benchmarks/healing.py``:

- ``data-bench-section="group"``: a container an element may be moved to from another container of the same group
  (header links to footer links, one fieldset to another, one product grid to another).
- ``data-bench-unit``: what moves with an element when it is reordered (a product card, a table row).

Every interactive element of a page is a target. ``REWORD`` gives each visible name a realistic rewording for a new
release; ``DECOY`` gives it a look-alike name for a new neighbouring element ("Save" next to "Save draft").
"""

from __future__ import annotations

BASE_CSS = """
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, sans-serif; color: #1f2933; background: #f7f8fa; }
a { color: #2557d6; text-decoration: none; }
h1 { font-size: 28px; margin: 0 0 12px; }
h2 { font-size: 18px; margin: 16px 0 8px; }
h3 { font-size: 15px; margin: 8px 0 4px; }
.btn { display: inline-block; padding: 8px 16px; border: 1px solid #c5ccd6; border-radius: 6px; background: #fff;
  color: #1f2933; font: inherit; cursor: pointer; }
.btn-primary { background: #2557d6; border-color: #2557d6; color: #fff; }
.btn-danger { background: #fff; border-color: #d64545; color: #d64545; }
.btn-sm { padding: 3px 10px; font-size: 13px; }
.btn-block { display: block; width: 100%; }
.btn-link, .btn-ghost { border-color: transparent; background: transparent; color: #2557d6; }
.input, .form-control { display: block; width: 100%; padding: 8px 10px; border: 1px solid #c5ccd6; border-radius: 6px;
  font: inherit; background: #fff; }
.field { margin-bottom: 14px; }
.field label { display: block; font-weight: 600; margin-bottom: 4px; }
.check, .radio, .switch { display: flex; gap: 8px; align-items: center; margin: 6px 0; }
.muted { color: #6b7785; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.promo-banner { display: flex; gap: 12px; align-items: center; padding: 10px 14px; margin: 8px 0;
  background: #fff8e1; border: 1px solid #f0d98a; border-radius: 6px; }
.promo-label { margin: 0; font-size: 12px; text-transform: uppercase; color: #8a6d1d; }
.promo-list { list-style: none; margin: 0; padding: 0; }
"""

LOGIN = """
<html><head><title>Log in · Acme Cloud</title><style>
.topbar { display: flex; justify-content: space-between; align-items: center; padding: 14px 32px; background: #fff;
  border-bottom: 1px solid #e4e7eb; }
.brand { font-weight: 700; font-size: 18px; color: #1f2933; }
.topnav { display: flex; gap: 20px; }
.auth-page { display: flex; justify-content: center; padding: 48px 16px; }
.auth-card { width: 400px; padding: 32px; background: #fff; border: 1px solid #e4e7eb; border-radius: 10px; }
.field-row { display: flex; justify-content: space-between; align-items: center; margin-bottom: 18px; }
.divider { text-align: center; color: #9aa5b1; margin: 16px 0; }
.sso { display: flex; flex-direction: column; gap: 8px; }
.footer { display: flex; gap: 20px; justify-content: center; padding: 24px; font-size: 13px; }
</style></head>
<body>
<header class="topbar">
  <a class="brand" href="/">Acme Cloud</a>
  <nav class="topnav" data-bench-section="links">
    <a class="topnav-link" href="/pricing">Pricing</a>
    <a class="topnav-link" href="/help">Help center</a>
  </nav>
</header>
<main class="auth-page">
  <div class="auth-card">
    <h1>Log in to your account</h1>
    <p class="muted">Welcome back! Please enter your details.</p>
    <form id="login-form" class="form" action="/login" method="post">
      <div class="field">
        <label for="username">Username</label>
        <input id="username" name="username" class="form-control" type="text" autocomplete="username"
          placeholder="jane.doe">
      </div>
      <div class="field">
        <label for="password">Password</label>
        <input id="password" name="password" class="form-control" type="password" autocomplete="current-password">
      </div>
      <div class="field-row">
        <label class="check"><input type="checkbox" name="remember" data-testid="remember-me"> Remember me</label>
        <a class="link" href="/forgot-password">Forgot password?</a>
      </div>
      <button id="login-submit" class="btn btn-primary btn-block" type="submit"
        data-testid="login-button">Log in</button>
    </form>
    <div class="divider">or</div>
    <div class="sso">
      <button class="btn sso-btn" type="button" data-testid="sso-google">Continue with Google</button>
      <button class="btn sso-btn" type="button" data-testid="sso-github">Continue with GitHub</button>
    </div>
    <p class="muted">Don't have an account? <a class="link" href="/signup">Sign up</a></p>
  </div>
</main>
<footer class="footer" data-bench-section="links">
  <a class="footer-link" href="/privacy">Privacy</a>
  <a class="footer-link" href="/terms">Terms</a>
  <a class="footer-link" href="/status">Status</a>
</footer>
</body></html>
"""

SIGNUP = """
<html><head><title>Sign up · Acme Cloud</title><style>
.site-header { display: flex; justify-content: space-between; padding: 14px 32px; background: #fff;
  border-bottom: 1px solid #e4e7eb; }
.logo { font-weight: 700; color: #1f2933; }
.page { max-width: 720px; margin: 32px auto; padding: 0 16px; }
.form-section { border: 1px solid #e4e7eb; border-radius: 8px; padding: 16px 20px; margin: 0 0 16px; background: #fff;
  display: grid; grid-template-columns: 1fr 1fr; column-gap: 16px; }
.form-section legend { font-weight: 700; padding: 0 6px; }
.plans { display: flex; gap: 24px; }
.actions { display: flex; gap: 12px; align-items: center; margin-top: 16px; }
</style></head>
<body>
<header class="site-header">
  <a class="logo" href="/">Acme Cloud</a>
  <a class="header-link" href="/login">Log in</a>
</header>
<main class="page">
  <h1>Create your account</h1>
  <p class="muted">Start your 14-day free trial. No credit card required.</p>
  <form id="signup-form" action="/signup" method="post">
    <fieldset class="form-section" data-bench-section="fields">
      <legend>Personal details</legend>
      <div class="field"><label for="first-name">First name</label>
        <input id="first-name" name="first_name" class="input" type="text" autocomplete="given-name"></div>
      <div class="field"><label for="last-name">Last name</label>
        <input id="last-name" name="last_name" class="input" type="text" autocomplete="family-name"></div>
      <div class="field"><label for="email">Email address</label>
        <input id="email" name="email" class="input" type="email" placeholder="you@example.com"
          data-testid="signup-email"></div>
      <div class="field"><label for="phone">Phone number</label>
        <input id="phone" name="phone" class="input" type="tel" placeholder="+1 555 000 0000"></div>
      <div class="field"><label for="birthdate">Date of birth</label>
        <input id="birthdate" name="birthdate" class="input" type="date"></div>
    </fieldset>
    <fieldset class="form-section" data-bench-section="fields">
      <legend>Address</legend>
      <div class="field"><label for="address1">Street address</label>
        <input id="address1" name="address1" class="input" type="text"></div>
      <div class="field"><label for="city">City</label>
        <input id="city" name="city" class="input" type="text"></div>
      <div class="field"><label for="postcode">Postal code</label>
        <input id="postcode" name="postcode" class="input" type="text"></div>
      <div class="field"><label for="country">Country</label>
        <select id="country" name="country" class="input">
          <option>United States</option><option>Canada</option><option>Germany</option><option>France</option>
        </select></div>
    </fieldset>
    <fieldset class="form-section" data-bench-section="fields">
      <legend>Security</legend>
      <div class="field"><label for="new-password">Password</label>
        <input id="new-password" name="password" class="input" type="password" data-testid="signup-password"></div>
      <div class="field"><label for="confirm-password">Confirm password</label>
        <input id="confirm-password" name="password_confirm" class="input" type="password"></div>
    </fieldset>
    <fieldset class="form-section plans">
      <legend>Plan</legend>
      <label class="radio"><input type="radio" name="plan" value="free" checked> Free</label>
      <label class="radio"><input type="radio" name="plan" value="pro"> Pro</label>
      <label class="radio"><input type="radio" name="plan" value="team"> Team</label>
    </fieldset>
    <label class="check"><input type="checkbox" name="terms" id="terms"> I agree to the Terms of Service</label>
    <label class="check"><input type="checkbox" name="newsletter" id="newsletter"> Send me product updates</label>
    <div class="actions">
      <button type="submit" class="btn btn-primary" data-testid="signup-submit">Create account</button>
      <a class="btn btn-link" href="/login">Log in instead</a>
    </div>
  </form>
</main>
</body></html>
"""


def _card(slug: str, name: str, price: str, *, test_ids: bool) -> str:
    test_id = f' data-testid="add-to-cart-{slug}"' if test_ids else ""
    return f"""
      <article class="card" data-bench-unit>
        <div class="thumb"></div>
        <h3 class="card-title"><a href="/p/{slug}">{name}</a></h3>
        <p class="price">{price}</p>
        <button class="btn btn-cart" type="button"{test_id}>Add to cart</button>
      </article>"""


_FEATURED = [
    ("desk-lamp", "Desk lamp", "$39.00"),
    ("usb-c-hub", "USB-C hub", "$24.99"),
    ("wireless-headphones", "Wireless headphones", "$129.00"),
    ("mechanical-keyboard", "Mechanical keyboard", "$89.00"),
    ("standing-desk", "Standing desk", "$349.00"),
    ("coffee-grinder", "Coffee grinder", "$59.00"),
]
_RECENT = [("monitor-arm", "Monitor arm", "$45.00"), ("webcam", "HD webcam", "$69.00")]

PRODUCTS = (
    """
<html><head><title>All products · Gadget Store</title><style>
.shop-header { display: flex; gap: 24px; align-items: center; padding: 12px 32px; background: #fff;
  border-bottom: 1px solid #e4e7eb; }
.shop-logo { font-weight: 800; color: #1f2933; }
.search { display: flex; gap: 6px; flex: 1; }
.search-input { flex: 1; padding: 8px 10px; border: 1px solid #c5ccd6; border-radius: 6px; }
.layout { display: flex; gap: 24px; padding: 24px 32px; }
.sidebar { width: 200px; }
.cat-list { list-style: none; padding: 0; margin: 0; }
.cat-list li { padding: 4px 0; }
.catalog { flex: 1; }
.toolbar { display: flex; gap: 12px; align-items: center; }
.toolbar h1 { flex: 1; }
.grid { display: grid; grid-template-columns: repeat(3, 1fr); gap: 16px; }
.grid-small { grid-template-columns: repeat(4, 1fr); }
.card { background: #fff; border: 1px solid #e4e7eb; border-radius: 8px; padding: 12px; }
.thumb { height: 120px; background: #e9edf2; border-radius: 6px; }
.grid-small .thumb { height: 70px; }
.price { margin: 4px 0 10px; font-weight: 600; }
.btn-cart { width: 100%; background: #1f2933; color: #fff; border-color: #1f2933; }
</style></head>
<body>
<header class="shop-header">
  <a class="shop-logo" href="/">Gadget Store</a>
  <form class="search" role="search" action="/search">
    <input class="search-input" type="search" name="q" placeholder="Search products" aria-label="Search products">
    <button class="btn btn-search" type="submit">Search</button>
  </form>
  <a class="cart-link" href="/cart" data-testid="cart-link">Cart (0)</a>
</header>
<div class="layout">
  <aside class="sidebar">
    <h2>Categories</h2>
    <ul class="cat-list" data-bench-section="categories">
      <li><a href="/c/lighting">Lighting</a></li>
      <li><a href="/c/audio">Audio</a></li>
      <li><a href="/c/office">Office</a></li>
      <li><a href="/c/kitchen">Kitchen</a></li>
    </ul>
  </aside>
  <main class="catalog">
    <div class="toolbar">
      <h1>All products</h1>
      <label for="sort">Sort by</label>
      <select id="sort" name="sort" class="sort-select">
        <option>Featured</option><option>Price: low to high</option><option>Price: high to low</option>
      </select>
    </div>
    <section class="grid" data-bench-section="cards">"""
    + "".join(_card(s, n, p, test_ids=True) for s, n, p in _FEATURED)
    + """
    </section>
    <h2>Recently viewed</h2>
    <section class="grid grid-small" data-bench-section="cards">"""
    + "".join(_card(s, n, p, test_ids=False) for s, n, p in _RECENT)
    + """
    </section>
  </main>
</div>
</body></html>
"""
)

_USERS = [
    ("Ada Lovelace", "ada@example.com", "Admin", "Active"),
    ("Grace Hopper", "grace@example.com", "Editor", "Active"),
    ("Alan Turing", "alan@example.com", "Viewer", "Invited"),
    ("Katherine Johnson", "katherine@example.com", "Editor", "Active"),
    ("Edsger Dijkstra", "edsger@example.com", "Viewer", "Suspended"),
    ("Barbara Liskov", "barbara@example.com", "Admin", "Active"),
]


def _row(n: int, name: str, email: str, role: str, status: str) -> str:
    return f"""
        <tr data-bench-unit>
          <td>{name}</td><td>{email}</td><td>{role}</td><td><span class="badge">{status}</span></td>
          <td class="row-actions"><button class="btn btn-sm" type="button" data-testid="edit-user-{n}">Edit</button>
            <button class="btn btn-sm btn-danger" type="button" data-testid="delete-user-{n}">Delete</button></td>
        </tr>"""


TABLE = (
    """
<html><head><title>Users · Admin</title><style>
.app { display: flex; min-height: 100vh; }
.side { width: 200px; background: #1f2933; padding: 20px; display: flex; flex-direction: column; gap: 10px; }
.side a { color: #cbd2d9; }
.content { flex: 1; padding: 24px 32px; }
.page-head { display: flex; gap: 10px; align-items: center; }
.page-head h1 { flex: 1; margin: 0; }
.filters { display: flex; gap: 10px; margin: 16px 0; }
.filters .input { width: 260px; }
.table { width: 100%; border-collapse: collapse; background: #fff; }
.table th, .table td { text-align: left; padding: 10px; border-bottom: 1px solid #e4e7eb; }
.badge { font-size: 12px; padding: 2px 8px; border-radius: 10px; background: #e3f8ef; }
.row-actions { white-space: nowrap; }
.pagination { display: flex; gap: 6px; margin-top: 16px; }
.page-link { padding: 4px 10px; border: 1px solid #c5ccd6; border-radius: 4px; }
</style></head>
<body>
<div class="app">
  <nav class="side" aria-label="Admin">
    <a href="/dashboard">Dashboard</a>
    <a href="/users" aria-current="page">Users</a>
    <a href="/billing">Billing</a>
  </nav>
  <main class="content">
    <div class="page-head">
      <h1>Users</h1>
      <a class="btn" href="/users/export.csv">Export CSV</a>
      <button class="btn btn-primary" id="add-user" type="button">Add user</button>
    </div>
    <div class="filters">
      <input type="search" class="input" placeholder="Filter by name or email" aria-label="Filter users">
      <select class="input" aria-label="Role"><option>All roles</option><option>Admin</option><option>Editor</option>
        <option>Viewer</option></select>
    </div>
    <table class="table">
      <thead><tr><th>Name</th><th>Email</th><th>Role</th><th>Status</th><th><span class="sr-only">Actions</span></th>
      </tr></thead>
      <tbody>"""
    + "".join(_row(n, *user) for n, user in enumerate(_USERS, 1))
    + """
      </tbody>
    </table>
    <nav class="pagination" aria-label="Pagination">
      <a class="page-link" href="?page=1">Previous</a>
      <a class="page-link" href="?page=1">1</a>
      <a class="page-link" href="?page=2">2</a>
      <a class="page-link" href="?page=3">3</a>
      <a class="page-link" href="?page=2">Next</a>
    </nav>
  </main>
</div>
</body></html>
"""
)

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

PAGES: dict[str, str] = {
    "login": LOGIN,
    "signup": SIGNUP,
    "products": PRODUCTS,
    "users-table": TABLE,
    "settings": SETTINGS,
    "docs-navigation": DOCS,
    "search": SEARCH,
}

# What the next release calls the same thing.
REWORD: dict[str, str] = {
    # login
    "Acme Cloud": "Acme",
    "Pricing": "Plans & pricing",
    "Help center": "Help & support",
    "Username": "User name",
    "Password": "Your password",
    "Remember me": "Keep me signed in",
    "Forgot password?": "Forgot your password?",
    "Log in": "Sign in",
    "Continue with Google": "Sign in with Google",
    "Continue with GitHub": "Sign in with GitHub",
    "Sign up": "Create an account",
    "Privacy": "Privacy policy",
    "Terms": "Terms of use",
    "Status": "System status",
    # signup
    "First name": "Given name",
    "Last name": "Family name",
    "Email address": "Email",
    "Phone number": "Mobile phone",
    "Date of birth": "Birthday",
    "Street address": "Address line 1",
    "City": "Town / city",
    "Postal code": "ZIP / postal code",
    "Country": "Country or region",
    "Confirm password": "Repeat password",
    "Free": "Free plan",
    "Pro": "Pro plan",
    "Team": "Team plan",
    "I agree to the Terms of Service": "I accept the Terms of Service",
    "Send me product updates": "Email me product news",
    "Create account": "Create my account",
    "Log in instead": "Already have an account? Log in",
    # products
    "Gadget Store": "Gadget Store home",
    "Search products": "Search the store",
    "Search": "Go",
    "Cart (0)": "Basket (0)",
    "Lighting": "Lamps & lighting",
    "Audio": "Audio & sound",
    "Office": "Home office",
    "Kitchen": "Kitchen & dining",
    "Sort by": "Sort",
    "Desk lamp": "LED desk lamp",
    "USB-C hub": "USB C hub",
    "Wireless headphones": "Bluetooth headphones",
    "Mechanical keyboard": "Mechanical keyboard (US)",
    "Standing desk": "Standing desk, electric",
    "Coffee grinder": "Burr coffee grinder",
    "Monitor arm": "Single monitor arm",
    "HD webcam": "Full HD webcam",
    "Add to cart": "Add to basket",
    # users table
    "Dashboard": "Overview",
    "Users": "Team members",
    "Billing": "Billing & plans",
    "Export CSV": "Export to CSV",
    "Add user": "Invite user",
    "Filter users": "Search users",
    "Role": "Filter by role",
    "Edit": "Edit user",
    "Delete": "Remove",
    "Previous": "« Previous",
    "1": "Page 1",
    "2": "Page 2",
    "3": "Page 3",
    "Next": "Next »",
    # settings
    "Account menu": "Open account menu",
    "Profile": "My profile",
    "Notifications": "Notification settings",
    "Security": "Security & login",
    "Display name": "Public name",
    "Bio": "About you",
    "Language": "Display language",
    "Time zone": "Timezone",
    "Email notifications": "Email alerts",
    "Push notifications": "Push alerts",
    "Weekly digest": "Weekly summary email",
    "Product announcements": "Product news",
    "Light": "Light theme",
    "Dark": "Dark theme",
    "Match system": "Use system setting",
    "Compact mode": "Compact layout",
    "Cancel": "Discard",
    "Save": "Save changes",
    "Delete account": "Delete my account",
    # docs
    "Nimbus": "Nimbus home",
    "Home": "Homepage",
    "Product": "Features",
    "Docs": "Documentation",
    "Blog": "Our blog",
    "Get started": "Start for free",
    "Getting started": "Quick start",
    "Installation": "Install Nimbus",
    "Configuration": "Configuring Nimbus",
    "Deploying": "Deployment",
    "API reference": "API docs",
    "CLI": "Command line",
    "Environment variables": "Env variables",
    "Guides": "All guides",
    "configuration reference": "full configuration reference",
    "Previous: Installation": "← Installation",
    "Next: Deploying": "Deploying →",
    "Edit this page": "Edit this page on GitHub",
    "The config file": "Config file",
    "Environment overrides": "Overriding with env vars",
    "About": "About us",
    "Careers": "Jobs",
    "Press": "Press kit",
    "GitHub": "GitHub repo",
    "Discord": "Discord community",
    # search
    "Findr": "Findr home",
    "Search query": "Search terms",
    "Nike": "Nike (42)",
    "Adidas": "Adidas (31)",
    "New Balance": "New Balance (18)",
    "Asics": "ASICS",
    "Min price": "Minimum price",
    "Max price": "Maximum price",
    "4 stars & up": "4+ stars",
    "3 stars & up": "3+ stars",
    "Any rating": "All ratings",
    "In stock only": "Only show items in stock",
    "Apply filters": "Apply",
    "Clear all": "Clear filters",
    "Sort": "Sort results",
    "Nike Pegasus 40 road running shoe": "Nike Pegasus 40 road running shoes (men's)",
    "Adidas Ultraboost Light": "Adidas Ultraboost Light running shoe",
    "New Balance Fresh Foam 1080": "New Balance Fresh Foam X 1080v13",
    "Asics Gel-Kayano 30": "ASICS GEL-KAYANO 30",
    "Nike Vaporfly 3": "Nike ZoomX Vaporfly 3",
    "Save for later": "Save to list",
    "Load more results": "Show more results",
}

# A new element right next to the old one, named alike.
DECOY: dict[str, str] = {
    "Acme Cloud": "Acme Cloud status",
    "Pricing": "Pricing FAQ",
    "Help center": "Help center chat",
    "Username": "Username or email",
    "Password": "Password hint",
    "Remember me": "Remember this device",
    "Forgot password?": "Forgot username?",
    "Log in": "Log in with SSO",
    "Continue with Google": "Continue with Apple",
    "Continue with GitHub": "Continue with GitLab",
    "Sign up": "Sign up for a team",
    "Privacy": "Privacy settings",
    "Terms": "Terms of sale",
    "Status": "Status history",
    "First name": "Middle name",
    "Last name": "Last name at birth",
    "Email address": "Backup email address",
    "Phone number": "Work phone number",
    "Date of birth": "Date of hire",
    "Street address": "Street address line 2",
    "City": "City of birth",
    "Postal code": "Postal code (billing)",
    "Country": "Country of residence",
    "Confirm password": "Confirm email",
    "Free": "Free trial",
    "Pro": "Pro annual",
    "Team": "Team annual",
    "I agree to the Terms of Service": "I agree to the Privacy Policy",
    "Send me product updates": "Send me partner offers",
    "Create account": "Create team account",
    "Log in instead": "Log in with SSO instead",
    "Gadget Store": "Gadget Store blog",
    "Search products": "Search orders",
    "Search": "Search help",
    "Cart (0)": "Wishlist (0)",
    "Lighting": "Outdoor lighting",
    "Audio": "Car audio",
    "Office": "Office chairs",
    "Kitchen": "Kitchen storage",
    "Sort by": "Show per page",
    "Desk lamp": "Desk lamp shade",
    "USB-C hub": "USB-C cable",
    "Wireless headphones": "Wireless earbuds",
    "Mechanical keyboard": "Mechanical keyboard keycaps",
    "Standing desk": "Standing desk mat",
    "Coffee grinder": "Coffee grinder brush",
    "Monitor arm": "Monitor arm (dual)",
    "HD webcam": "HD webcam cover",
    "Add to cart": "Add bundle to cart",
    "Dashboard": "Dashboards",
    "Users": "User groups",
    "Billing": "Billing history",
    "Export CSV": "Export PDF",
    "Add user": "Add users in bulk",
    "Filter users": "Filter teams",
    "Role": "Status",
    "Edit": "Edit role",
    "Delete": "Delete data",
    "Previous": "First",
    "1": "4",
    "2": "5",
    "3": "6",
    "Next": "Last",
    "Account menu": "Account switcher",
    "Profile": "Public profile",
    "Notifications": "Notification log",
    "Security": "Security keys",
    "Display name": "Display email",
    "Bio": "Short bio",
    "Language": "Content language",
    "Time zone": "Time format",
    "Email notifications": "Email newsletters",
    "Push notifications": "Push reminders",
    "Weekly digest": "Monthly digest",
    "Product announcements": "Partner announcements",
    "Light": "Light sidebar",
    "Dark": "Dark sidebar",
    "Match system": "Match browser",
    "Compact mode": "Compact tables",
    "Cancel": "Cancel subscription",
    "Save": "Save draft",
    "Delete account": "Delete all data",
    "Nimbus": "Nimbus status",
    "Home": "Home lab",
    "Product": "Product tour",
    "Docs": "Docs search",
    "Blog": "Blog archive",
    "Get started": "Get a demo",
    "Getting started": "Getting help",
    "Installation": "Installation on Windows",
    "Configuration": "Configuration examples",
    "Deploying": "Deploying to Kubernetes",
    "API reference": "API changelog",
    "CLI": "CLI plugins",
    "Environment variables": "Environment secrets",
    "Guides": "Video guides",
    "configuration reference": "configuration cookbook",
    "Previous: Installation": "Previous: Getting started",
    "Next: Deploying": "Next: Monitoring",
    "Edit this page": "Report an issue with this page",
    "The config file": "The lock file",
    "Environment overrides": "Environment files",
    "About": "About Nimbus Cloud",
    "Careers": "Careers FAQ",
    "Press": "Press releases",
    "GitHub": "GitHub discussions",
    "Discord": "Discord events",
    "Findr": "Findr deals",
    "Search query": "Search within results",
    "Nike": "Nike Kids",
    "Adidas": "Adidas Originals",
    "New Balance": "New Balance Kids",
    "Asics": "Asics Tiger",
    "Min price": "Min discount",
    "Max price": "Max shipping price",
    "4 stars & up": "4 stars only",
    "3 stars & up": "3 stars only",
    "Any rating": "Any seller rating",
    "In stock only": "In store only",
    "Apply filters": "Save filters",
    "Clear all": "Clear search",
    "Sort": "Show",
    "Nike Pegasus 40 road running shoe": "Nike Pegasus 40 trail running shoe",
    "Adidas Ultraboost Light": "Adidas Ultraboost Light socks",
    "New Balance Fresh Foam 1080": "New Balance Fresh Foam 880",
    "Asics Gel-Kayano 30": "Asics Gel-Kayano 29",
    "Nike Vaporfly 3": "Nike Vaporfly 2",
    "Save for later": "Save search",
    "Load more results": "Load previous results",
}
