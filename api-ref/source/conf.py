# Sphinx configuration of the Watcher API reference (os-api-ref).

extensions = [
    'os_api_ref',
    'openstackdocstheme',
]

html_theme = 'openstackdocs'
html_theme_options = {
    'sidebar_mode': 'toc',
}
openstackdocs_repo_name = 'openstack/watcher'
openstackdocs_bug_project = 'watcher'
openstackdocs_bug_tag = 'api-ref'

source_suffix = '.rst'
master_doc = 'index'
project = 'Infrastructure Optimization API Reference'
copyright = '2026, Watcher contributors'
pygments_style = 'native'
html_static_path = []
