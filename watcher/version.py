"""Version information for the watcher package."""
import pbr.version

version_info = pbr.version.VersionInfo('python-watcher')
version_string = version_info.version_string
