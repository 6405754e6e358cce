"""Process start-up and the long-running service skeleton.

``prepare_service`` parses the command line, sets up logging and selects
the oslo.service *threading* backend (never eventlet). ``Service`` runs the
RPC server (and optional notification listener) of a manager on native
threads and keeps the ``services`` row of this process alive.
``ServiceLauncher`` runs services in the current process until SIGTERM or
SIGINT, then stops them gracefully.

The ``services`` rows are reached through ``watcher.objects`` imported at
run time (``watcher.common`` sits below ``objects`` in the layering).
"""
import importlib
import inspect
import logging
import os
import signal
import sys
import threading
import time

from oslo_config import cfg
from oslo_log import log
import oslo_messaging as messaging
from oslo_service import backend as service_backend
from oslo_service import opts as service_opts
from oslo_utils import timeutils

from watcher import conf
from watcher.common import context as watcher_context
from watcher.common import exception
from watcher.common import rpc

CONF = conf.CONF
LOG = log.getLogger(__name__)

API_VERSION = '1.0'
HEARTBEAT_INTERVAL = 60
DEFAULT_GRACEFUL_TIMEOUT = 60
CLEANUP_TIMEOUT = 10
# Seconds a stop signal waits for a blocked start-up before exiting.
STARTUP_STOP_GRACE = 15

_EXTRA_LOG_LEVELS = [
    'amqp=WARN', 'amqplib=WARN', 'kombu=WARN', 'oslo.messaging=INFO',
    'oslo_messaging=INFO', 'stevedore=INFO', 'apscheduler=WARN',
    'futurist=INFO', 'cotyledon=INFO', 'oslo_service=INFO',
    'cheroot=INFO', 'taskflow=INFO', 'openstack=INFO',
]


def init_threading_backend():
    """Select oslo.service's threading backend (fails if eventlet won)."""
    service_backend.init_backend(service_backend.BackendType.THREADING)


def _version():
    try:
        from watcher import version
        return version.version_string()
    except Exception:  # metadata missing in an uninstalled checkout
        return 'unknown'


def prepare_service(argv=None, conf=CONF):
    """Parse ``argv``, configure logging and messaging; return ``conf``."""
    init_threading_backend()
    if argv is None:
        argv = sys.argv
    log.register_options(conf)
    log.set_defaults(default_log_levels=(
        log.get_default_log_levels() + _EXTRA_LOG_LEVELS))
    rpc.register_opts(conf)
    service_opts.register_service_opts(conf)
    prog = os.path.basename(argv[0]) if argv else 'watcher'
    try:
        conf(argv[1:], project='watcher', version=_version())
        log.setup(conf, 'watcher')
        if conf.log_options:
            # Also validates every value of the configuration files.
            conf.log_opt_values(LOG, logging.DEBUG)
        rpc.init(conf)
    except (cfg.Error, messaging.MessagingException) as exc:
        # An operator error: one clear line, no traceback.
        raise SystemExit('%s: invalid configuration: %s' % (prog, exc))
    _setup_guru_meditation(conf)
    return conf


def _setup_guru_meditation(conf):
    """SIGUSR2 dumps threads and config (like every OpenStack service)."""
    try:
        from oslo_reports import guru_meditation_report as gmr
        from oslo_reports import opts as gmr_opts
        gmr_opts.set_defaults(conf)
        gmr.TextGuruMeditation.setup_autorun(_VersionInfo(), conf=conf)
    except Exception:  # a report handler must never prevent start-up
        LOG.debug('Guru meditation reports not available', exc_info=True)


class _VersionInfo:
    """Minimal version object for oslo.reports."""

    @staticmethod
    def version_string_with_package():
        return _version()


def _service_objects():
    """The ``watcher.objects`` package (imported at run time)."""
    return importlib.import_module('watcher.objects')


class ServiceHeartbeat:
    """Keeps the ``(name, host)`` row of ``services`` up to date.

    ``start()`` writes the row at once, then a daemon thread refreshes
    ``last_seen_up`` every ``[DEFAULT] periodic_interval`` seconds (60 by
    default). A database error is logged and retried at the next beat, so
    a short outage only makes the service look FAILED for a while.
    """

    def __init__(self, service_name, host=None, interval=None):
        self.service_name = service_name
        self.host = host or CONF.host
        self._interval = interval
        self._stop = threading.Event()
        self._thread = None
        self.service_id = None

    @property
    def interval(self):
        if self._interval is not None:
            return self._interval
        return CONF.periodic_interval or HEARTBEAT_INTERVAL

    def beat(self):
        """Upsert the row with ``last_seen_up = now``; return it."""
        objects = _service_objects()
        ctx = watcher_context.get_admin_context()
        now = timeutils.utcnow()
        rows = objects.Service.list(
            ctx, filters={'name': self.service_name, 'host': self.host})
        if rows:
            row = rows[0]
            row.last_seen_up = now
            row.save()
        else:
            row = objects.Service(ctx, name=self.service_name,
                                  host=self.host, last_seen_up=now)
            try:
                row.create()
            except exception.ServiceAlreadyExists:
                # Another process with the same name and host won the
                # race: update the row it created.
                rows = objects.Service.list(
                    ctx, filters={'name': self.service_name,
                                  'host': self.host})
                if not rows:
                    raise
                row = rows[0]
                row.last_seen_up = now
                row.save()
        self.service_id = row.id
        return row

    def _safe_beat(self):
        try:
            self.beat()
            return True
        except Exception:
            LOG.exception('Heartbeat of %s on %s failed; retrying in %s s',
                          self.service_name, self.host, self.interval)
            return False

    def start(self):
        self._stop.clear()
        self._safe_beat()
        self._thread = threading.Thread(
            target=self._run, name='heartbeat-%s' % self.service_name,
            daemon=True)
        self._thread.start()

    def _run(self):
        while not self._stop.wait(self.interval):
            self._safe_beat()

    def stop(self):
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None


def notification_targets(topics):
    """``exchange.topic`` names -> oslo.messaging targets.

    The part before the first dot is the exchange (``nova`` in
    ``nova.versioned_notifications``); a name without a dot uses the
    default control exchange.
    """
    targets = []
    for name in topics:
        exchange, dot, topic = name.partition('.')
        if dot and exchange and topic:
            targets.append(messaging.Target(exchange=exchange, topic=topic))
        else:
            targets.append(messaging.Target(topic=name))
    return targets


class Service:
    """RPC server, notification listener and heartbeat of one manager.

    The manager provides ``service_name``, ``conductor_topic``,
    ``conductor_endpoints`` (instances) and optionally ``api_version``,
    ``notification_topics``, ``notification_endpoints`` and ``start()`` /
    ``stop()`` hooks for its background jobs. ``stop`` may accept a
    ``timeout`` keyword: the seconds it may spend finishing running work.
    """

    def __init__(self, manager, host=None, heartbeat=True):
        self.manager = manager
        self.host = host or CONF.host
        self.service_name = manager.service_name
        self.api_version = getattr(manager, 'api_version', API_VERSION)
        self.conductor_topic = manager.conductor_topic
        self.conductor_endpoints = list(manager.conductor_endpoints)
        self.notification_topics = list(
            getattr(manager, 'notification_topics', None) or [])
        self.notification_endpoints = list(
            getattr(manager, 'notification_endpoints', None) or [])
        self.heartbeat = (ServiceHeartbeat(self.service_name, self.host)
                          if heartbeat else None)
        self.rpc_server = None
        self.notification_listener = None
        self._started = False

    def _build_rpc_server(self):
        target = messaging.Target(topic=self.conductor_topic,
                                  server=self.host,
                                  version=self.api_version)
        return rpc.get_server(target, self.conductor_endpoints,
                              serializer=rpc.JsonPayloadSerializer())

    def _build_notification_listener(self):
        if not (self.notification_topics and self.notification_endpoints):
            return None
        return rpc.get_notification_listener(
            notification_targets(self.notification_topics),
            self.notification_endpoints, pool=self.host,
            serializer=rpc.JsonPayloadSerializer(), allow_requeue=False)

    def start(self):
        """Serve RPC, register the service, then start background jobs."""
        if not rpc.initialized():
            rpc.init(CONF)
        # The row says ACTIVE only once RPC is served (start() blocks
        # while the broker is unreachable).
        self.rpc_server = self._build_rpc_server()
        self.rpc_server.start()
        self.notification_listener = self._build_notification_listener()
        if self.notification_listener is not None:
            self.notification_listener.start()
        if self.heartbeat is not None:
            self.heartbeat.start()
        hook = getattr(self.manager, 'start', None)
        if callable(hook):
            hook()
        self._started = True
        LOG.info('%s started on %s (topic %s, %d endpoint(s), '
                 'notification topics %s)', self.service_name, self.host,
                 self.conductor_topic, len(self.conductor_endpoints),
                 self.notification_topics if self.notification_listener
                 else 'none')

    def stop(self, graceful=True, timeout=None):
        """Stop taking work, let running work finish (``timeout`` s)."""
        if not self._started:
            return
        self._started = False
        timeout = _graceful_timeout() if timeout is None else timeout
        servers = [s for s in (self.rpc_server, self.notification_listener)
                   if s is not None]
        for server in servers:
            _quietly(server.stop)
        hook = getattr(self.manager, 'stop', None)
        if callable(hook):
            try:
                if 'timeout' in inspect.signature(hook).parameters:
                    hook(timeout=timeout)
                else:
                    hook()
            except Exception:
                LOG.exception('Error while stopping %s', self.service_name)
        for server in servers:
            _join(server.wait, timeout, 'messaging server')
        if self.heartbeat is not None:
            self.heartbeat.stop()
        LOG.info('%s stopped on %s', self.service_name, self.host)

    def wait(self):
        """Compatibility with oslo.service's ServiceBase interface."""

    def reset(self):
        """Compatibility with oslo.service's ServiceBase interface."""


def _graceful_timeout():
    try:
        return CONF.graceful_shutdown_timeout or DEFAULT_GRACEFUL_TIMEOUT
    except Exception:  # oslo.service option not registered
        return DEFAULT_GRACEFUL_TIMEOUT


def _quietly(fn):
    try:
        fn()
    except Exception:
        LOG.exception('Error while stopping')


def _join(fn, timeout, what):
    """Run ``fn`` in a helper thread and wait at most ``timeout`` s."""
    worker = threading.Thread(target=_quietly, args=(fn,), daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        LOG.warning('Gave up waiting for the %s after %s s', what, timeout)


class ServiceLauncher:
    """Run services in this process until SIGTERM/SIGINT.

    Why not oslo.service's launcher: on the threading backend it forks a
    cotyledon worker, so the recorded PID would not be the process doing
    the work and SIGKILL would leave a child behind. This launcher keeps
    everything in one process: a signal only sets an event, the main thread
    then stops the services in reverse order and closes the transports. A
    signal during start-up lets it finish (at most STARTUP_STOP_GRACE s,
    then the process exits) and stops gracefully. A second SIGTERM/SIGINT
    exits at once. SIGHUP reloads mutable options.
    """

    def __init__(self, conf=CONF):
        self.conf = conf
        self.services = []
        self._stop_requested = threading.Event()
        self._signals_seen = 0
        self._serving = False
        self._startup_deadline = None

    def launch_service(self, service):
        service.start()
        self.services.append(service)

    def _on_stop_signal(self, signo, frame):
        self._signals_seen += 1
        if self._signals_seen > 1:
            LOG.warning('Signal %d received again; exiting now', signo)
            os._exit(128 + signo)
        self._stop_requested.set()
        if not self._serving and self._startup_deadline is None:
            # Start-up can block (e.g. waiting for the broker): give it a
            # moment to finish, then stop gracefully; else exit anyway.
            self._startup_deadline = threading.Timer(
                STARTUP_STOP_GRACE, os._exit, (128 + signo,))
            self._startup_deadline.daemon = True
            self._startup_deadline.start()

    @property
    def stop_requested(self):
        return self._stop_requested.is_set()

    def _on_hup(self, signo, frame):
        try:
            self.conf.mutate_config_files()
        except Exception:
            LOG.exception('Could not reload the configuration')

    def install_signal_handlers(self):
        signal.signal(signal.SIGTERM, self._on_stop_signal)
        signal.signal(signal.SIGINT, self._on_stop_signal)
        signal.signal(signal.SIGHUP, self._on_hup)

    def stop(self):
        self._stop_requested.set()

    def wait(self):
        """Block until asked to stop, then stop everything; return 0."""
        self._serving = True
        if self._startup_deadline is not None:
            self._startup_deadline.cancel()
        while not self._stop_requested.wait(1.0):
            pass
        LOG.info('Stopping %d service(s)', len(self.services))
        for service in reversed(self.services):
            try:
                service.stop(graceful=True)
            except Exception:
                LOG.exception('Error while stopping %s', service)
        self.services = []
        # Closing a broker connection can block on a dead socket.
        _join(rpc.cleanup, CLEANUP_TIMEOUT, 'messaging transports to close')
        return 0


def launch(services, conf=CONF):
    """Start ``services`` in this process and serve until signalled."""
    launcher = ServiceLauncher(conf)
    launcher.install_signal_handlers()
    try:
        for service in services:
            if launcher.stop_requested:
                break
            launcher.launch_service(service)
    except Exception:
        LOG.exception('Could not start the service')
        launcher.stop()
        launcher.wait()
        return _exit_code_when_threads_end(1)
    return _exit_code_when_threads_end(launcher.wait())


def _exit_code_when_threads_end(code, timeout=5):
    """Return ``code`` once only daemon threads are left.

    The interpreter waits for every non-daemon thread at exit; one stuck in
    a library (a broker reconnect loop, say) would keep a stopped service
    alive forever. After ``timeout`` seconds such threads are logged and
    the process exits anyway.
    """
    deadline = time.monotonic() + timeout
    for thread in threading.enumerate():
        if thread is threading.current_thread() or thread.daemon:
            continue
        thread.join(max(0.0, deadline - time.monotonic()))
    stuck = [t.name for t in threading.enumerate()
             if t is not threading.current_thread() and not t.daemon
             and t.is_alive()]
    if stuck:
        LOG.warning('Exiting although threads are still running: %s',
                    ', '.join(sorted(stuck)))
        logging.shutdown()
        os._exit(code)
    return code
