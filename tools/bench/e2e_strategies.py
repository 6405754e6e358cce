"""End-to-end part of ``bench_strategies.py`` (``--e2e``): real services.

An emulated cloud (Nova, Placement, Keystone and the synthetic exporter)
runs in a child process; a private Prometheus (Debian package) scrapes
the exporter. The compute model is built by the compute collector as in
the decision engine, metrics come from Prometheus through the
``prometheus`` datasource, and each strategy runs and plans. Prints the
same stages as the model benchmark: collect (model build), metrics,
strategy, planner.
"""
import multiprocessing
import os
import shutil
import socket
import subprocess
import tempfile
import time

import requests

SCRAPE_INTERVAL = '10s'
SAMPLES_WANTED = 3


def _free_port():
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


def _serve_cloud(hosts, servers, seed, conn, stop):
    from watcher.emulated_cloud import EmulatedCloud
    cloud = EmulatedCloud.generated(hosts=hosts, servers=servers, seed=seed,
                                    threads=8)
    endpoints = cloud.start()
    conn.send((cloud.watcher_conf(), endpoints.base.split('://')[1],
               list(cloud.state.hosts)))
    stop.wait()
    cloud.stop()


def _wait(predicate, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if predicate():
                return
        except requests.RequestException:
            pass
        time.sleep(1)
    raise RuntimeError('timed out waiting for %s' % what)


def _start_prometheus(folder, exporter, host_names):
    from watcher.emulated_cloud import exposition
    config = os.path.join(folder, 'prometheus.yml')
    with open(config, 'w') as stream:
        stream.write(exposition.scrape_config(exporter, host_names,
                                              SCRAPE_INTERVAL))
    port = _free_port()
    process = subprocess.Popen(
        ['prometheus', '--config.file=' + config,
         '--storage.tsdb.path=' + os.path.join(folder, 'data'),
         '--web.listen-address=127.0.0.1:%d' % port, '--log.level=warn'],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = 'http://127.0.0.1:%d' % port
    _wait(lambda: requests.get(url + '/-/ready', timeout=2).ok, 60,
          'Prometheus to start')
    return process, port, url


def _enough_samples(url, host):
    body = requests.get(url + '/api/v1/query', timeout=10, params={
        'query': "count_over_time(node_cpu_seconds_total{fqdn='%s',"
                 "mode='idle'}[5m])" % host}).json()
    result = body['data']['result']
    return bool(result) and min(float(r['value'][1])
                                for r in result) >= SAMPLES_WANTED


def main(strategies, seed, hosts=1000, servers=20000):
    from tools.bench import bench_strategies as bench
    if not shutil.which('prometheus'):
        print('e2e: prometheus is not installed (Debian package '
              'prometheus); skipped')
        return 0
    context = multiprocessing.get_context('spawn')
    parent_end, child_end = context.Pipe()
    stop = context.Event()
    child = context.Process(target=_serve_cloud, args=(
        hosts, servers, seed, child_end, stop), daemon=True)
    child.start()
    folder = tempfile.mkdtemp(prefix='bench-e2e-')
    prometheus = None
    try:
        conf_text, exporter, host_names = parent_end.recv()
        prometheus, port, url = _start_prometheus(folder, exporter,
                                                  host_names)
        print('e2e: emulated cloud %d hosts / %d servers, Prometheus on '
              'port %d; waiting for %d scrapes' % (
                  hosts, servers, port, SAMPLES_WANTED))
        _wait(lambda: _enough_samples(url, host_names[-1]), 600,
              'samples in Prometheus')
        conf_path = os.path.join(folder, 'watcher.conf')
        with open(conf_path, 'w') as stream:
            stream.write(conf_text)
            stream.write('\n[collector]\napi_query_max_retries = 1\n'
                         '[watcher_datasources]\ndatasources = prometheus\n'
                         'query_max_retries = 1\n'
                         '[prometheus_client]\nhost = 127.0.0.1\n'
                         'port = %d\n' % port)
        from watcher import conf
        from watcher.decision_engine.datasources import manager
        from watcher.decision_engine.model.collector import \
            manager as cdm_manager
        conf.CONF(['--config-file', conf_path], project='watcher')
        collector = cdm_manager.CollectorManager(
        ).get_cluster_model_collector('compute')
        started = time.perf_counter()
        model = collector.get_latest_cluster_data_model()
        build = time.perf_counter() - started
        bound = bench.pinned_lower_bound(model)
        print('e2e: model built by the compute collector in %.2f s (%d '
              'nodes, %d instances); lower bound %d hosts' % (
                  build, len(model.get_all_compute_nodes()),
                  len(model.get_all_instances()), bound))
        for name in strategies:
            backend = bench.timed(manager.DataSourceManager().get_backend(
                ['host_cpu_usage']))
            row = bench.run_strategy(name, model, backend)
            row['collect'] += build
            bench.report(name, row, bench.hosts_used(model), bound)
        return 0
    finally:
        if prometheus is not None:
            prometheus.terminate()
            try:
                prometheus.wait(timeout=30)
            except subprocess.TimeoutExpired:
                prometheus.kill()
        stop.set()
        child.join(60)
        shutil.rmtree(folder, ignore_errors=True)
