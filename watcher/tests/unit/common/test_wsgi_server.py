"""The cheroot-based server: busy ports, serving, graceful stop, fork."""
import os
import signal
import socket
import threading
import time
import urllib.request

import testtools

from watcher.common import wsgi_server


def hello_app(environ, start_response):
    body = ('hello from %d' % os.getpid()).encode()
    start_response('200 OK', [('Content-Type', 'text/plain'),
                              ('Content-Length', str(len(body)))])
    return [body]


def get(port):
    with urllib.request.urlopen('http://127.0.0.1:%d/' % port,
                                timeout=5) as response:
        return response.status, response.read().decode()


def wait_until(predicate, timeout=10):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if predicate():
                return True
        except OSError:
            pass
        time.sleep(0.05)
    return False


class TestBind(testtools.TestCase):

    def test_busy_port_gives_a_one_line_message(self):
        holder = socket.socket()
        self.addCleanup(holder.close)
        holder.bind(('127.0.0.1', 0))
        holder.listen(1)
        port = holder.getsockname()[1]
        error = self.assertRaises(wsgi_server.ListenError,
                                  wsgi_server.bind_socket, '127.0.0.1', port)
        self.assertEqual('127.0.0.1:%d is already in use by another process'
                         % port, str(error))

    def test_unknown_host_is_reported(self):
        error = self.assertRaises(wsgi_server.ListenError,
                                  wsgi_server.bind_socket,
                                  'no-such-host.invalid', 1)
        self.assertIn('cannot resolve no-such-host.invalid', str(error))


class TestServe(testtools.TestCase):

    def test_serves_until_stopped(self):
        sock = wsgi_server.bind_socket('127.0.0.1', 0)
        port = sock.getsockname()[1]
        stop = threading.Event()
        result = []
        thread = threading.Thread(
            target=lambda: result.append(wsgi_server.serve_in_process(
                sock, hello_app, threads=2, stop_event=stop)))
        thread.start()
        self.addCleanup(stop.set)
        self.assertTrue(wait_until(lambda: get(port)[0] == 200))
        self.assertEqual((200, 'hello from %d' % os.getpid()), get(port))
        stop.set()
        thread.join(15)
        self.assertFalse(thread.is_alive())
        self.assertEqual([0], result)
        self.assertRaises(OSError, get, port)


PREFORK_SCRIPT = r'''
import os, sys
from watcher.common import wsgi_server

def app(environ, start_response):
    body = ('hello from %d' % os.getpid()).encode()
    start_response('200 OK', [('Content-Length', str(len(body)))])
    return [body]

sock = wsgi_server.bind_socket('127.0.0.1', 0)
print(sock.getsockname()[1], flush=True)
sys.exit(wsgi_server.PreforkServer(sock, lambda: app, workers=2,
                                   threads=2).run())
'''


class TestPrefork(testtools.TestCase):

    def test_workers_serve_and_stop_on_sigterm(self):
        import subprocess
        import sys
        # A fresh interpreter: forking the test runner (with its threads)
        # could copy a held lock into the child.
        master = subprocess.Popen([sys.executable, '-c', PREFORK_SCRIPT],
                                  stdout=subprocess.PIPE, text=True)
        self.addCleanup(self._reap, master)
        port = int(master.stdout.readline())
        self.assertTrue(wait_until(lambda: get(port)[0] == 200))
        answers = {get(port)[1] for _ in range(20)}
        # Served by worker processes, never by the master itself.
        self.assertNotIn('hello from %d' % master.pid, answers)
        self.assertTrue(answers)
        master.send_signal(signal.SIGTERM)
        self.assertEqual(0, master.wait(30))
        self.assertRaises(OSError, get, port)

    @staticmethod
    def _reap(process):
        if process.poll() is None:
            process.kill()
            process.wait()
        process.stdout.close()


class TestTLS(testtools.TestCase):

    def test_https_with_the_builtin_adapter(self):
        import ssl
        import subprocess

        import fixtures
        from cheroot.ssl import builtin

        path = self.useFixture(fixtures.TempDir()).path
        cert, key = os.path.join(path, 'c.pem'), os.path.join(path, 'k.pem')
        subprocess.run(
            ['openssl', 'req', '-x509', '-newkey', 'rsa:2048', '-nodes',
             '-subj', '/CN=127.0.0.1', '-days', '1', '-keyout', key,
             '-out', cert], check=True, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL)
        sock = wsgi_server.bind_socket('127.0.0.1', 0)
        port = sock.getsockname()[1]
        stop = threading.Event()
        thread = threading.Thread(target=wsgi_server.serve_in_process, args=(
            sock, hello_app), kwargs={
                'threads': 2, 'stop_event': stop,
                'ssl_adapter': builtin.BuiltinSSLAdapter(cert, key)})
        thread.start()
        self.addCleanup(thread.join, 15)
        self.addCleanup(stop.set)
        tls = ssl.create_default_context(cafile=cert)
        tls.check_hostname = False

        def https_get():
            with urllib.request.urlopen('https://127.0.0.1:%d/' % port,
                                        timeout=5, context=tls) as response:
                return response.read().decode()

        self.assertTrue(wait_until(lambda: https_get()))
        self.assertEqual('hello from %d' % os.getpid(), https_get())
        # Plain HTTP is not answered on the TLS port.
        self.assertRaises(Exception, get, port)
