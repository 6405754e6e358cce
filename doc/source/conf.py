# Sphinx configuration of the Watcher documentation.
#
# Build with ``tox -e docs`` or
# ``sphinx-build -W -b html doc/source doc/build/html``.

extensions = [
    'openstackdocstheme',
]

# openstackdocstheme
openstackdocs_repo_name = 'openstack/watcher'
openstackdocs_bug_project = 'watcher'
openstackdocs_bug_tag = 'doc'
openstackdocs_auto_name = False

html_theme = 'openstackdocs'
html_static_path = []

source_suffix = {'.rst': 'restructuredtext'}
master_doc = 'index'
project = 'Watcher'
copyright = '2026, Watcher contributors'
pygments_style = 'native'

# The API reference and the release notes are separate builds.
exclude_patterns = ['_build']
