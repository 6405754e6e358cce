"""OpenStack Watcher: resource optimization service."""
import warnings

from oslo_service import backend as _oslo_service_backend

# oslo.messaging imports oslo.service, which would pick its eventlet backend
# on first use. Watcher runs on native threads only: make threading the
# default before anything imports oslo.messaging (prepare_service() also
# selects it explicitly).
_oslo_service_backend.register_backend_default_hook(
    lambda: _oslo_service_backend.BackendType.THREADING)

# Some libraries (futurist) probe for eventlet when it is installed next to
# us; the probe warns that eventlet is deprecated, which wrongly suggests
# Watcher uses it. Nothing is monkey-patched; silence that one warning.
warnings.filterwarnings('ignore', message=r'\s*Eventlet is deprecated')
