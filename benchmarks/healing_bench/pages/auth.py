"""Log-in and sign-up pages, and the stylesheet every page could share."""

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
