#!/usr/bin/env python3
"""Benchmark: build the compute model of a large emulated cloud.

Not a test. Starts a generated emulated cloud (default 1,000 hosts and
20,000 servers, seed 42) in a child process, so that this process holds
only Watcher's side, then builds the compute cluster data model through
the compute collector exactly as the decision engine does (openstacksdk,
Keystone auth, Nova, Placement) and prints:

* wall time of the build (target <= 5 s; the emulator's own serving
  time is part of it) and the CPU time spent on Watcher's side,
* resident memory before and after the build and the process peak
  (target: the model itself <= 200 MB),
* the cost of the operations strategies lean on: a model copy, the
  ``GET /v1/data_model`` rows, a free-resources sweep over every node.

    python tools/bench/bench_model.py [--hosts N] [--servers N] [--seed N]
"""
import argparse
import multiprocessing
import os
import resource
import sys
import tempfile
import time


def _rss_mb():
    with open('/proc/self/status', encoding='ascii') as status:
        for line in status:
            if line.startswith('VmRSS:'):
                return int(line.split()[1]) / 1024.0
    return float('nan')


def _peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _serve_cloud(hosts, servers, seed, conn, stop):
    """Child process: run the emulated cloud until told to stop."""
    from watcher.emulated_cloud import EmulatedCloud
    started = time.monotonic()
    cloud = EmulatedCloud.generated(hosts=hosts, servers=servers, seed=seed,
                                    threads=8)
    cloud.start()
    conn.send((cloud.watcher_conf(), len(cloud.where()),
               time.monotonic() - started))
    stop.wait()
    cloud.stop()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--hosts', type=int, default=1000)
    parser.add_argument('--servers', type=int, default=20000)
    parser.add_argument('--seed', type=int, default=42)
    args = parser.parse_args(argv)

    context = multiprocessing.get_context('spawn')
    parent_end, child_end = context.Pipe()
    stop = context.Event()
    child = context.Process(target=_serve_cloud, args=(
        args.hosts, args.servers, args.seed, child_end, stop), daemon=True)
    child.start()
    conf_text, server_count, setup_time = parent_end.recv()

    with tempfile.NamedTemporaryFile('w', suffix='.conf',
                                     delete=False) as conf_file:
        conf_file.write(conf_text)
        conf_file.write('\n[collector]\napi_query_max_retries = 1\n')
    try:
        from watcher import conf
        from watcher.decision_engine.model.collector import manager
        conf.CONF(['--config-file', conf_file.name], project='watcher')
        collector = manager.CollectorManager().get_cluster_model_collector(
            'compute')
        rss_before = _rss_mb()
        cpu_started = time.process_time()
        started = time.perf_counter()
        model = collector.get_latest_cluster_data_model()
        build_time = time.perf_counter() - started
        build_cpu = time.process_time() - cpu_started
        rss_after = _rss_mb()
        if not model:
            print('The build failed (see the log above).')
            return 1

        started = time.perf_counter()
        copy = model.copy()
        copy_time = time.perf_counter() - started
        started = time.perf_counter()
        rows = copy.to_list()
        rows_time = time.perf_counter() - started
        started = time.perf_counter()
        for node in copy.get_all_compute_nodes().values():
            copy.get_node_free_resources(node)
        sweep_time = time.perf_counter() - started

        nodes = len(model.get_all_compute_nodes())
        instances = len(model.get_all_instances())
        print('emulated cloud: %d hosts, %d servers (seed %d), set up in '
              '%.1f s in a child process' % (args.hosts, server_count,
                                             args.seed, setup_time))
        print('model: %d compute nodes, %d instances' % (nodes, instances))
        print('build (get_latest_cluster_data_model): %.2f s wall, %.2f s '
              'CPU on the Watcher side; load average %.1f' % (
                  build_time, build_cpu, os.getloadavg()[0]))
        print('RSS: %.0f MB before, %.0f MB after (model and its build: '
              '+%.0f MB); peak RSS %.0f MB' % (
                  rss_before, rss_after, rss_after - rss_before,
                  _peak_rss_mb()))
        print('model.copy(): %.1f ms; to_list(): %d rows in %.0f ms; '
              'free resources of every node: %.1f ms' % (
                  copy_time * 1000, len(rows), rows_time * 1000,
                  sweep_time * 1000))
        return 0
    finally:
        stop.set()
        child.join(30)
        os.unlink(conf_file.name)


if __name__ == '__main__':
    sys.exit(main())
