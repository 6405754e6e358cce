"""Real servers for the datasource tests: Prometheus, Keystone, the cloud.

* :class:`PrometheusScrapingCloud`: an emulated cloud (small generated
  topology) and a private Prometheus started by ``tools/prometheus.sh``
  (own port and state folder) scraping its exporter every second.
* :func:`ensure_keystone`: the real Keystone of ``tools/keystone.sh`` on
  127.0.0.1:5000, reused when it runs, else started (and stopped when
  this test process exits, unless WATCHER_TEST_KEEP_KEYSTONE=1).

A missing tool skips the tests, except under ``CI=true`` where it fails.
"""
import atexit
import fcntl
import os
import shutil
import socket
import subprocess
import tempfile
import time
import unittest

import requests
import yaml

from watcher.emulated_cloud import cloud as cloud_mod
from watcher.emulated_cloud import exposition
from watcher.emulated_cloud import generator

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__),
                                    '..', '..', '..', '..'))
PROMETHEUS_SH = os.path.join(REPO, 'tools', 'prometheus.sh')
KEYSTONE_SH = os.path.join(REPO, 'tools', 'keystone.sh')
KEYSTONE_URL = 'http://127.0.0.1:5000/v3'
SCRAPE_INTERVAL = 1

_KEYSTONE_STARTED_HERE = False


def in_ci():
    return os.environ.get('CI', '').lower() in ('1', 'true', 'yes')


def unavailable(what, reason):
    if in_ci():
        raise RuntimeError('%s is required under CI=true: %s'
                           % (what, reason))
    raise unittest.SkipTest('%s not available: %s' % (what, reason))


def free_port():
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


def wait_for(predicate, timeout, what):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            if predicate():
                return
        except requests.RequestException:
            pass
        time.sleep(0.25)
    raise AssertionError('%s not met within %d s' % (what, timeout))


class PrometheusScrapingCloud(object):
    """An emulated cloud and a real Prometheus scraping it.

    ``topology`` (a dict) replaces the generated one when a test needs a
    known load. ``domain_hosts`` get an FQDN label (``<name>.cloud.test``)
    instead of their bare name, like exporters that report the full host
    name. ``scrape=False`` starts a Prometheus without targets (no data).
    """

    def __init__(self, hosts=4, servers=14, seed=11, domain_hosts=(),
                 topology=None, scrape=True):
        self.topology = topology or generator.generate(
            hosts, servers, seed=seed, ironic=False, storage=False)
        self.domain_hosts = set(domain_hosts)
        self.scrape = scrape
        self.cloud = None
        self.state_dir = None
        self.port = None

    @property
    def url(self):
        return 'http://127.0.0.1:%d' % self.port

    def _env(self):
        return dict(os.environ, PROMETHEUS_STATE=self.state_dir,
                    PROMETHEUS_PORT=str(self.port))

    def scrape_config(self):
        exporter = self.cloud.endpoints.base.split('://', 1)[1]
        config = yaml.safe_load(exposition.scrape_config(
            exporter, sorted(self.cloud.state.hosts),
            '%ds' % SCRAPE_INTERVAL))
        if not self.scrape:
            config['scrape_configs'] = []
        for job in config['scrape_configs']:
            for static in job.get('static_configs', []):
                labels = static.get('labels', {})
                if labels.get('fqdn') in self.domain_hosts:
                    labels['fqdn'] += '.cloud.test'
        return yaml.safe_dump(config, sort_keys=False)

    def start(self):
        if not shutil.which('prometheus'):
            unavailable('Prometheus', 'the prometheus binary is not '
                        'installed (Debian package prometheus)')
        self.cloud = cloud_mod.EmulatedCloud(self.topology)
        self.cloud.start()
        self.state_dir = tempfile.mkdtemp(prefix='watcher-prom-')
        self.port = free_port()
        config = os.path.join(self.state_dir, 'scrape.yml')
        with open(config, 'w', encoding='utf-8') as stream:
            stream.write(self.scrape_config())
        result = subprocess.run(
            [PROMETHEUS_SH, 'start', config], env=self._env(),
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            timeout=120)
        if result.returncode != 0:
            self.stop()
            unavailable('Prometheus', 'tools/prometheus.sh start failed: %s'
                        % result.stdout[-1500:])
        return self

    def stop(self):
        if self.state_dir:
            subprocess.run([PROMETHEUS_SH, 'stop'], env=self._env(),
                           stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, timeout=60)
            shutil.rmtree(self.state_dir, ignore_errors=True)
            self.state_dir = None
        if self.cloud is not None:
            self.cloud.stop()
            self.cloud = None

    def query(self, promql):
        body = requests.get(self.url + '/api/v1/query',
                            params={'query': promql}, timeout=10).json()
        return body['data']['result']

    def wait_for_rates(self, window, timeout=60):
        """Until every target has samples over the whole ``window`` (s).

        ``rate()`` over a window longer than the history underestimates
        (Prometheus extrapolates only half an interval past the first
        sample), so the values are exact only once the window is full.
        """
        samples = int(window / SCRAPE_INTERVAL)
        targets = 2 * len(self.cloud.state.hosts) + 1

        def window_full():
            counts = self.query('count_over_time(up[%ds])' % window)
            return (len(counts) >= targets and
                    all(float(c['value'][1]) >= samples for c in counts) and
                    all(c['value'][1] == '1' for c in self.query('up')))

        wait_for(window_full, timeout, 'A full window of samples')


def keystone_answers():
    try:
        return requests.get(KEYSTONE_URL, timeout=3).ok
    except requests.RequestException:
        return False


def _stop_keystone_at_exit():
    if _KEYSTONE_STARTED_HERE and not os.environ.get(
            'WATCHER_TEST_KEEP_KEYSTONE'):
        subprocess.run([KEYSTONE_SH, 'stop'], check=False,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def ensure_keystone():
    """Reuse or start the real Keystone; returns its v3 URL."""
    global _KEYSTONE_STARTED_HERE
    if keystone_answers():
        return KEYSTONE_URL
    state = os.environ.get('WATCHER_STATE', os.path.join(REPO,
                                                         '.local-suite'))
    os.makedirs(state, exist_ok=True)
    with open(os.path.join(state, 'keystone.lock'), 'w') as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if keystone_answers():
            return KEYSTONE_URL
        result = subprocess.run(
            [KEYSTONE_SH, 'start'], stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, text=True, timeout=1800)
        if result.returncode != 0 or not keystone_answers():
            unavailable('Keystone', 'tools/keystone.sh start failed: %s'
                        % result.stdout[-1500:])
        if not _KEYSTONE_STARTED_HERE:
            _KEYSTONE_STARTED_HERE = True
            atexit.register(_stop_keystone_at_exit)
    return KEYSTONE_URL
