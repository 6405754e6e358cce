"""OpenStack Watcher: resource optimization service."""

# oslo.messaging imports oslo.service, which would pick its eventlet backend
# on first use. Watcher runs on native threads only: make threading the
# default before anything imports oslo.messaging (prepare_service() also
# selects it explicitly).
from oslo_service import backend as _oslo_service_backend  # noqa: E402

_oslo_service_backend.register_backend_default_hook(
    lambda: _oslo_service_backend.BackendType.THREADING)
