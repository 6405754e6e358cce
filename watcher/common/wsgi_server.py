"""A pre-forking WSGI server on cheroot (native threads, no eventlet).

The master binds the listening socket (so a busy port is reported once,
clearly, before anything forks), then forks ``workers`` processes that each
serve the inherited socket with a cheroot thread pool. The application is
built inside each worker, after the fork, so no connection or thread is
shared between processes. SIGTERM/SIGINT stop the workers gracefully; a
worker that dies unexpectedly is replaced.
"""
import errno
import os
import signal
import socket
import threading
import time

from cheroot import wsgi
from oslo_log import log

LOG = log.getLogger(__name__)

DEFAULT_THREADS = 8
STOP_TIMEOUT = 30


class ListenError(Exception):
    """The address cannot be listened on (message is user-facing)."""


def bind_socket(host, port, backlog=128):
    """A listening TCP socket on ``host:port`` or a clear ListenError."""
    try:
        infos = socket.getaddrinfo(host, port, socket.AF_UNSPEC,
                                   socket.SOCK_STREAM, 0, socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise ListenError('cannot resolve %s: %s' % (host, exc))
    last_error = None
    for family, socktype, proto, _name, address in infos:
        sock = socket.socket(family, socktype, proto)
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind(address)
            sock.listen(backlog)
            return sock
        except OSError as exc:
            sock.close()
            last_error = exc
    if last_error is not None and last_error.errno == errno.EADDRINUSE:
        raise ListenError('%s:%s is already in use by another process'
                          % (host, port))
    raise ListenError('cannot listen on %s:%s: %s' % (host, port,
                                                      last_error))


class _PreboundServer(wsgi.Server):
    """cheroot server that serves an already listening socket."""

    def __init__(self, listen_socket, app, **kwargs):
        self._listen_socket = listen_socket
        super().__init__(listen_socket.getsockname()[:2], app, **kwargs)

    def bind(self, family, type, proto=0):
        sock = self._listen_socket
        if self.ssl_adapter is not None:
            sock = self.ssl_adapter.bind(sock)
        self.socket = sock
        self.bind_addr = self.resolve_real_bind_addr(sock)
        return sock


def serve_in_process(listen_socket, app, threads=DEFAULT_THREADS,
                     ssl_adapter=None, stop_event=None, name='watcher-api'):
    """Serve ``app`` until ``stop_event`` is set (or SIGTERM/SIGINT)."""
    server = _PreboundServer(listen_socket, app, numthreads=threads,
                             server_name=name)
    if ssl_adapter is not None:
        server.ssl_adapter = ssl_adapter
    stop_event = stop_event or threading.Event()
    if threading.current_thread() is threading.main_thread():
        for signo in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signo, lambda *_: stop_event.set())
    server.prepare()
    serving = threading.Thread(target=server.serve, name='wsgi-serve',
                               daemon=True)
    serving.start()
    try:
        while not stop_event.wait(1.0):
            if not serving.is_alive():
                LOG.error('The WSGI server stopped unexpectedly')
                return 1
    finally:
        server.stop()
    return 0


class PreforkServer:
    """Master process: forks and supervises ``workers`` serving children."""

    def __init__(self, listen_socket, app_factory, workers,
                 threads=DEFAULT_THREADS, ssl_adapter_factory=None,
                 name='watcher-api'):
        self.listen_socket = listen_socket
        self.app_factory = app_factory
        self.workers = workers
        self.threads = threads
        self.ssl_adapter_factory = ssl_adapter_factory
        self.name = name
        self.children = {}
        self._stopping = False

    def _spawn(self):
        pid = os.fork()
        if pid == 0:  # child
            code = 1
            try:
                for signo in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
                    signal.signal(signo, signal.SIG_DFL)
                ssl_adapter = (self.ssl_adapter_factory()
                               if self.ssl_adapter_factory else None)
                code = serve_in_process(
                    self.listen_socket, self.app_factory(),
                    threads=self.threads, ssl_adapter=ssl_adapter,
                    name=self.name)
            except BaseException:
                LOG.exception('%s worker failed', self.name)
            finally:
                os._exit(code)
        self.children[pid] = time.monotonic()
        LOG.info('%s worker started (pid %d)', self.name, pid)
        return pid

    def _on_stop(self, signo, frame):
        self._stopping = True

    def run(self):
        signal.signal(signal.SIGTERM, self._on_stop)
        signal.signal(signal.SIGINT, self._on_stop)
        for _ in range(self.workers):
            self._spawn()
        while not self._stopping:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                pid, status = 0, 0
            if pid and pid in self.children:
                started = self.children.pop(pid)
                LOG.error('%s worker %d exited (status %d)', self.name,
                          pid, status)
                if time.monotonic() - started < 1.0:
                    # Crashing at start-up: do not fork in a tight loop.
                    time.sleep(1.0)
                if not self._stopping:
                    self._spawn()
                continue
            time.sleep(0.2)
        self.stop_children()
        return 0

    def stop_children(self, timeout=STOP_TIMEOUT):
        for pid in list(self.children):
            _signal(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while self.children and time.monotonic() < deadline:
            for pid in list(self.children):
                try:
                    done, _status = os.waitpid(pid, os.WNOHANG)
                except ChildProcessError:
                    done = pid
                if done:
                    self.children.pop(pid, None)
            time.sleep(0.1)
        for pid in list(self.children):
            LOG.warning('%s worker %d did not stop in %s s; killing it',
                        self.name, pid, timeout)
            _signal(pid, signal.SIGKILL)
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass
            self.children.pop(pid, None)


def _signal(pid, signo):
    try:
        os.kill(pid, signo)
    except ProcessLookupError:
        pass
