"""A product grid and an admin users table."""

from __future__ import annotations


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
