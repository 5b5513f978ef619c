"""HTML for the settings app: hand-written markup in the style of a small account-settings product."""

from __future__ import annotations

from html import escape

from apps.settings_app.state import (
    LANGUAGES,
    NOTIFICATIONS,
    PROJECT_FEATURES,
    SWITCHES,
    TEMPLATES,
    THEMES,
    TIME_ZONES,
    VISIBILITIES,
    AccountState,
    Contact,
    Profile,
    Project,
    ProjectDraft,
)

STYLE = """
body { font-family: system-ui, sans-serif; margin: 0; color: #202124; }
header { display: flex; align-items: center; gap: 1.5rem; padding: .7rem 1.5rem; border-bottom: 1px solid #dadce0; }
header nav { display: flex; gap: 1rem; } header .account { margin-left: auto; display: flex; gap: .6rem; }
main { max-width: 44rem; padding: 1.5rem; } section { margin-bottom: 1.5rem; }
.field { display: flex; flex-direction: column; gap: .3rem; margin-bottom: .9rem; }
fieldset { border: 1px solid #dadce0; border-radius: 6px; margin-bottom: .9rem; }
.error { color: #c5221f; margin: 0; } .notice { background: #e6f4ea; padding: .6rem 1rem; border-radius: 6px; }
.alert { background: #fce8e6; padding: .6rem 1rem; border-radius: 6px; }
.switch-row { display: flex; align-items: center; justify-content: space-between; max-width: 24rem; margin: .6rem 0; }
[role=switch] { width: 2.6rem; height: 1.4rem; border-radius: 1rem; border: 0; background: #bdc1c6;
  position: relative; }
[role=switch][aria-checked=true] { background: #1a73e8; }
[role=switch] .knob { position: absolute; top: .15rem; left: .15rem; width: 1.1rem; height: 1.1rem;
  border-radius: 50%; background: #fff; transition: left .1s; }
[role=switch][aria-checked=true] .knob { left: 1.35rem; }
.steps { display: flex; gap: 1.5rem; padding: 0; list-style: none; } .steps [aria-current] { font-weight: 700; }
.buttons { display: flex; gap: .8rem; } .primary { background: #1a73e8; color: #fff; border: 0; padding: .45rem 1rem; }
"""

# Without the matching part the page still renders; the controls just do nothing (see the broken features).
SWITCH_JS = """
document.querySelectorAll('[role="switch"]').forEach(function (control) {
  control.addEventListener('click', function () {
    var on = control.getAttribute('aria-checked') !== 'true';
    control.setAttribute('aria-checked', on ? 'true' : 'false');
    document.getElementById(control.dataset.input).value = on ? 'true' : 'false';
  });
});
"""
VALIDATION_JS = """
document.querySelectorAll('form[data-validate]').forEach(function (form) {
  form.addEventListener('submit', function (event) {
    if (event.submitter && event.submitter.hasAttribute('formnovalidate')) { return; }
    var firstInvalid = null;
    form.querySelectorAll('[data-required-message]').forEach(function (input) {
      var message = document.getElementById(input.getAttribute('aria-describedby'));
      var empty = input.value.trim() === '';
      input.setAttribute('aria-invalid', empty ? 'true' : 'false');
      message.textContent = empty ? input.dataset.requiredMessage : '';
      message.hidden = !empty;
      if (empty && !firstInvalid) { firstInvalid = input; }
    });
    if (firstInvalid) { event.preventDefault(); firstInvalid.focus(); }
  });
});
"""


def layout(title: str, content: str, *, user: str | None, scripts: str = "") -> str:
    account = ""
    if user is not None:
        account = f"""<nav aria-label="Primary">
    <a href="/settings/profile">Profile</a><a href="/contacts">Contacts</a><a href="/projects">Projects</a>
  </nav>
  <div class="account"><span>{escape(user)}</span>
    <form method="post" action="/logout"><button type="submit">Sign out</button></form></div>"""
    script = f"<script>{scripts}</script>" if scripts else ""
    return f"""<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>{escape(title)} – Acme Cloud</title><style>{STYLE}</style></head>
<body>
<header>
  <a href="/" class="brand">Acme Cloud</a>
  {account}
</header>
<main>
{content}
</main>
{script}
</body>
</html>
"""


def notice(message: tuple[str, str] | None) -> str:
    if message is None:
        return ""
    kind, text = message
    role = "alert" if kind == "error" else "status"
    return f'<div class="{"alert" if kind == "error" else "notice"}" role="{role}">{escape(text)}</div>'


def required_input(name: str, label: str, value: str, message: str, server_error: str | None) -> str:
    """A required text field whose message is filled in by the validation script (or by the server)."""
    shown = "" if server_error else " hidden"
    invalid = ' aria-invalid="true"' if server_error else ""
    return f"""<div class="field"><label for="{name}">{label}</label>
  <input id="{name}" name="{name}" value="{escape(value)}" aria-required="true"{invalid}
         aria-describedby="{name}-error" data-required-message="{message}">
  <p id="{name}-error" class="error" role="alert"{shown}>{escape(server_error or "")}</p></div>"""


def login_page(error: str | None, status: tuple[str, str] | None) -> str:
    alert = f'<div class="alert" role="alert">{escape(error)}</div>' if error else notice(status)
    return layout(
        "Sign in",
        f"""<h1>Sign in</h1>
{alert}
<form method="post" action="/login">
  <div class="field"><label for="user">Email or username</label>
    <input id="user" name="user" autocomplete="username"></div>
  <div class="field"><label for="password">Password</label>
    <input id="password" name="password" type="password" autocomplete="current-password"></div>
  <button type="submit" class="primary">Sign in</button>
</form>""",
        user=None,
    )


def _options(options: tuple[str, ...], chosen: str) -> str:
    return "".join(f"<option{' selected' if o == chosen else ''}>{escape(o)}</option>" for o in options)


def _switch(name: str, label: str, on: bool, labelled_by_text: bool) -> str:
    checked = "true" if on else "false"
    # Two common ways to name a switch: a visible label it points at, or an aria-label beside a visible caption.
    if labelled_by_text:
        caption, naming = f'<span id="{name}-label">{label}</span>', f'aria-labelledby="{name}-label"'
    else:
        caption, naming = f'<span class="caption">{label}</span>', f'aria-label="{label}"'
    return f"""<div class="switch-row">{caption}
  <button type="button" role="switch" aria-checked="{checked}" {naming} data-input="{name}-value">
    <span class="knob"></span></button>
  <input type="hidden" id="{name}-value" name="{name}" value="{checked}"></div>"""


def profile_page(
    user: str, state: AccountState, message: tuple[str, str] | None, error: str | None, scripts: str, validate: bool
) -> str:
    p: Profile = state.profile
    themes = "".join(
        f'<label><input type="radio" name="theme" value="{t}"{" checked" if t == p.theme else ""}> {t}</label> '
        for t in THEMES
    )
    notifications = "".join(
        f'<label><input type="checkbox" name="{n}"{" checked" if n in p.notifications else ""}> {label}</label><br>'
        for n, label in NOTIFICATIONS
    )
    switches = "".join(_switch(n, label, n in p.switches, i == 0) for i, (n, label) in enumerate(SWITCHES))
    picture = f"<strong>{escape(state.picture)}</strong>" if state.picture else "No picture uploaded"
    content = f"""<h1>Profile settings</h1>
{notice(message)}
<form method="post" action="/settings/profile" novalidate{" data-validate" if validate else ""}>
<section aria-labelledby="personal"><h2 id="personal">Personal details</h2>
  {required_input("display_name", "Display name", p.display_name, "Display name is required", error)}
  <div class="field"><label for="email">Email</label>
    <input id="email" name="email" type="email" value="{escape(p.email)}"></div>
  <div class="field"><label for="bio">Bio</label>
    <textarea id="bio" name="bio" rows="3" placeholder="A few words about you">{escape(p.bio)}</textarea></div>
</section>
<section aria-labelledby="preferences"><h2 id="preferences">Preferences</h2>
  <div class="field"><label for="language">Language</label>
    <select id="language" name="language">{_options(LANGUAGES, p.language)}</select></div>
  <div class="field"><label for="time_zone">Time zone</label>
    <select id="time_zone" name="time_zone">{_options(TIME_ZONES, p.time_zone)}</select></div>
  <fieldset><legend>Theme</legend>{themes}</fieldset>
</section>
<section aria-labelledby="notifications"><h2 id="notifications">Notifications</h2>
  <fieldset><legend>Email notifications</legend>{notifications}</fieldset>
</section>
<section aria-labelledby="privacy"><h2 id="privacy">Privacy and security</h2>{switches}</section>
<button type="submit" class="primary">Save settings</button>
</form>
<section aria-labelledby="picture-heading"><h2 id="picture-heading">Profile picture</h2>
  <p>Current picture: {picture}</p>
  <form method="post" action="/settings/picture" enctype="multipart/form-data">
    <div class="field"><label for="picture">Choose an image</label>
      <input id="picture" name="picture" type="file" accept="image/*"></div>
    <button type="submit">Upload picture</button>
  </form>
</section>"""
    return layout("Profile settings", content, user=user, scripts=scripts)


def contacts_page(user: str, contacts: list[Contact], message: tuple[str, str] | None) -> str:
    if contacts:
        rows = "".join(f"<tr><td>{escape(c.name)}</td><td>{escape(c.email)}</td></tr>" for c in contacts)
        listing = f"""<table><caption>Your contacts ({len(contacts)})</caption>
<thead><tr><th scope="col">Name</th><th scope="col">Email</th></tr></thead><tbody>{rows}</tbody></table>"""
    else:
        listing = "<p>No contacts yet.</p>"
    content = f"""<h1>Contacts</h1>
{notice(message)}
<section aria-labelledby="import"><h2 id="import">Import contacts</h2>
  <form method="post" action="/contacts/import" enctype="multipart/form-data">
    <div class="field"><label for="contacts-file">CSV file</label>
      <input id="contacts-file" name="contacts" type="file" accept=".csv,text/csv" aria-describedby="csv-hint">
      <small id="csv-hint">A header row with name and email columns, then one contact per line.</small></div>
    <button type="submit">Import contacts</button>
  </form>
</section>
{listing}"""
    return layout("Contacts", content, user=user)


def _features(draft: ProjectDraft) -> str:
    chosen = [label for name, label in PROJECT_FEATURES if name in draft.features]
    return ", ".join(chosen) if chosen else "None"


def projects_page(user: str, projects: list[Project]) -> str:
    if projects:
        rows = "".join(
            f"<tr><td>{escape(p.draft.name)}</td><td>{p.draft.visibility}</td><td>{p.draft.template}</td></tr>"
            for p in projects
        )
        listing = f"""<table><caption>Your projects</caption>
<thead><tr><th scope="col">Name</th><th scope="col">Visibility</th><th scope="col">Template</th></tr></thead>
<tbody>{rows}</tbody></table>"""
    else:
        listing = "<p>No projects yet.</p>"
    content = f"""<h1>Projects</h1>
<p><a href="/projects/new" class="primary">Create project</a></p>
{listing}"""
    return layout("Projects", content, user=user)


STEP_NAMES = ("Details", "Options", "Review")


def wizard_page(user: str, step: int, draft: ProjectDraft, error: str | None, scripts: str, validate: bool) -> str:
    current = ' aria-current="step"'
    progress = "".join(f"<li{current if i == step else ''}>{name}</li>" for i, name in enumerate(STEP_NAMES, start=1))
    if step == 1:
        body = f"""<form method="post" action="/projects/new/1" novalidate{" data-validate" if validate else ""}>
  {required_input("name", "Project name", draft.name, "Project name is required", error)}
  <div class="field"><label for="description">Description</label>
    <textarea id="description" name="description" rows="3">{escape(draft.description)}</textarea></div>
  <div class="buttons"><a href="/projects">Cancel</a>
    <button type="submit" name="action" value="next" class="primary">Next</button></div>
</form>"""
    elif step == 2:
        features = "".join(
            f'<label><input type="checkbox" name="{n}"{" checked" if n in draft.features else ""}> {label}</label><br>'
            for n, label in PROJECT_FEATURES
        )
        body = f"""<form method="post" action="/projects/new/2">
  <div class="field"><label for="visibility">Visibility</label>
    <select id="visibility" name="visibility">{_options(VISIBILITIES, draft.visibility)}</select></div>
  <div class="field"><label for="template">Template</label>
    <select id="template" name="template">{_options(TEMPLATES, draft.template)}</select></div>
  <fieldset><legend>Features</legend>{features}</fieldset>
  <div class="buttons"><button type="submit" name="action" value="back">Back</button>
    <button type="submit" name="action" value="next" class="primary">Next</button></div>
</form>"""
    else:
        body = f"""<section aria-labelledby="review-details"><h3 id="review-details">Details</h3>
  <dl><dt>Project name</dt><dd>{escape(draft.name)}</dd>
  <dt>Description</dt><dd>{escape(draft.description) or "—"}</dd></dl>
  <a href="/projects/new/1">Edit</a></section>
<section aria-labelledby="review-options"><h3 id="review-options">Options</h3>
  <dl><dt>Visibility</dt><dd>{draft.visibility}</dd><dt>Template</dt><dd>{draft.template}</dd>
  <dt>Features</dt><dd>{_features(draft)}</dd></dl>
  <a href="/projects/new/2">Edit</a></section>
<form method="post" action="/projects/new/3" class="buttons">
  <button type="submit" name="action" value="back">Back</button>
  <button type="submit" name="action" value="create" class="primary">Create project</button>
</form>"""
    content = f"""<h1>Create project</h1>
<ol class="steps" aria-label="Progress">{progress}</ol>
<h2>Step {step} of 3: {STEP_NAMES[step - 1]}</h2>
{body}"""
    return layout("Create project", content, user=user, scripts=scripts)


def created_page(user: str, project: Project) -> str:
    d = project.draft
    content = f"""<h1>Project created</h1>
<p role="status">Project “{escape(d.name)}” was created.</p>
<dl><dt>Visibility</dt><dd>{d.visibility}</dd><dt>Template</dt><dd>{d.template}</dd>
<dt>Features</dt><dd>{_features(d)}</dd></dl>
<p><a href="/projects">View all projects</a> · <a href="/projects/new">Create another project</a></p>"""
    return layout("Project created", content, user=user)


def not_found_page() -> str:
    return layout("Not found", "<h1>Page not found</h1><p><a href='/'>Go to your settings</a></p>", user=None)
