"""An account-settings product ("Acme Cloud") on plain WSGI: wsgiref serves it, python-multipart parses forms.

It imitates the settings corner of a SaaS app, served at the site root. Nothing has a test id. After signing
in: a profile settings page (text fields, a language and a time-zone select, a theme radio group, e-mail
notification checkboxes, two ``role="switch"`` toggles flipped by script, "Save settings" then "Settings
saved"), a profile-picture upload on the same page, a contacts page importing a CSV ("Imported N contacts"
and a table of them), and a three-step "Create project" wizard (Details, Options, Review; "Next" and "Back"
on several steps; "Edit" links on the review) ending on a "Project created" page. Required fields
(display name, project name) are checked by script, which shows "... is required" under the field.

``create_app(username, password, broken=...)`` takes the credentials; ``app.broken`` may also be changed
while serving. Each name in ``FEATURES`` makes that feature misbehave in a way a user would notice:

- login: correct credentials are refused.
- save_settings: "Settings saved" is shown but the old values come back.
- switches: clicking a switch does not flip it.
- upload: the picture and CSV uploads report success but nothing is stored or listed.
- wizard: "Create project" starts the wizard over instead of creating the project.
- validation: an empty required field shows no message and is accepted.
"""

from apps.settings_app.app import FEATURES, SettingsApp, create_app
from apps.settings_app.server import serve

__all__ = ["FEATURES", "SettingsApp", "create_app", "serve"]
