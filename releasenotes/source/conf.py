# Sphinx configuration of the Watcher release notes (reno).
#
# Build with ``tox -e releasenotes`` or
# ``sphinx-build -b html releasenotes/source releasenotes/build/html``.
# Notes live in releasenotes/notes (``reno new <slug>`` creates one).

extensions = [
    'openstackdocstheme',
    'reno.sphinxext',
]

# openstackdocstheme
openstackdocs_repo_name = 'openstack/watcher'
openstackdocs_bug_project = 'watcher'
openstackdocs_bug_tag = 'releasenotes'
openstackdocs_auto_name = False

html_theme = 'openstackdocs'
html_static_path = []

source_suffix = {'.rst': 'restructuredtext'}
master_doc = 'index'
project = 'Watcher Release Notes'
copyright = '2026, Watcher contributors'
pygments_style = 'native'

# Notes are searched relative to the repository root.
exclude_patterns = ['_build']
locale_dirs = ['locale/']
