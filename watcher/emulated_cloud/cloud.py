"""Python API of the emulated cloud, for tests, benchmarks and scripts.

    cloud = EmulatedCloud('topology.yaml')   # or .generated(1000, 20000)
    urls = cloud.start()                     # Endpoints(identity=...)
    conn = cloud.connection()                # a real openstacksdk client
    cloud.where()                            # {server uuid: host}
    cloud.stop()

Everything runs in this process: one threaded HTTP server (cheroot) on one
port serves every API; ``cloud.app`` is the bare WSGI app for in-process
use (wsgi-intercept).
"""
import dataclasses
import threading

from cheroot import wsgi as cheroot_wsgi
from cheroot.workers import threadpool

from watcher.emulated_cloud import admin_api
from watcher.emulated_cloud import app as app_mod
from watcher.emulated_cloud import cinder_api
from watcher.emulated_cloud import exporter_api
from watcher.emulated_cloud import generator
from watcher.emulated_cloud import identity as identity_mod
from watcher.emulated_cloud import ironic_api
from watcher.emulated_cloud import metrics
from watcher.emulated_cloud import nova_api
from watcher.emulated_cloud import placement_api
from watcher.emulated_cloud import topology as topology_mod

# service type -> (service name, path under the base URL)
CATALOG = (
    ('identity', 'keystone', '/identity'),
    ('compute', 'nova', '/compute/v2.1'),
    ('placement', 'placement', '/placement'),
    ('block-storage', 'cinder', '/volume/v3'),
    ('volumev3', 'cinderv3', '/volume/v3'),
    ('baremetal', 'ironic', '/baremetal'),
)
INTERFACES = ('public', 'internal', 'admin')


class _DaemonThreadPool(threadpool.ThreadPool):
    """Request workers that never keep a process alive on their own.

    A test that fails before calling ``stop()`` must still let the
    interpreter exit.
    """

    def _spawn_worker(self):
        worker = threadpool.WorkerThread(self.server)
        worker.name = 'emulated-cloud-%s' % worker.name
        worker.daemon = True
        worker.start()
        return worker


@dataclasses.dataclass(frozen=True)
class Endpoints:
    """Base URLs of a started cloud."""

    base: str
    identity: str
    compute: str
    placement: str
    block_storage: str
    baremetal: str
    exporter: str
    admin: str


class EmulatedCloud:
    """All emulators over one state, served on one port."""

    def __init__(self, topology, *, host='127.0.0.1', port=0,
                 transport_url=None, notification_transport=None,
                 load_file=None, extra_endpoints=None, clock=None,
                 action_delay=None, threads=16):
        self.state = topology_mod.build(topology, clock=clock)
        if action_delay is not None:
            self.state.action_delay = float(action_delay)
        self.tracker = metrics.LoadTracker(self.state, load_file=load_file)
        self.notifier = None
        if transport_url or notification_transport is not None:
            from watcher.emulated_cloud import notifications
            self.notifier = notifications.NovaNotifier(
                transport_url=transport_url,
                transport=notification_transport,
                clock_now=self.state.now)
            self.state.notifier = self.notifier
        self.extra_endpoints = dict(extra_endpoints or {})
        self.identity = identity_mod.Identity(self.state, self._catalog)
        self.app = app_mod.CloudApp({
            'identity': self.identity.router,
            'compute': nova_api.NovaAPI(self.state, self.identity).router,
            'placement': placement_api.PlacementAPI(
                self.state, self.identity).router,
            'volume': cinder_api.CinderAPI(self.state, self.identity).router,
            'baremetal': ironic_api.IronicAPI(
                self.state, self.identity).router,
            'admin': admin_api.AdminAPI(self.state, self.tracker,
                                        lambda: self.notifier).router,
        }, exporter_api.ExporterAPI(self.state, self.tracker).router)
        self._bind = (host, port)
        self._threads = threads
        self._server = None
        self._thread = None
        self.endpoints = None

    @classmethod
    def generated(cls, hosts, servers, seed=0, ironic=True, storage=True,
                  **kwargs):
        """A cloud from the seeded generator (see generator.generate)."""
        return cls(generator.generate(hosts, servers, seed=seed,
                                      ironic=ironic, storage=storage),
                   **kwargs)

    # -- catalog --------------------------------------------------------------

    def _catalog(self, req):
        base = req.root_url.rsplit('/identity', 1)[0]
        entries = [(kind, name, base + path)
                   for kind, name, path in CATALOG]
        entries += [(kind, kind, url)
                    for kind, url in sorted(self.extra_endpoints.items())]
        region = self.state.region
        return [{'type': kind, 'name': name,
                 'id': '%s-%s' % (name, kind),
                 'endpoints': [{'id': '%s-%s' % (name, interface),
                                'interface': interface, 'region': region,
                                'region_id': region, 'url': url}
                               for interface in INTERFACES]}
                for kind, name, url in entries]

    # -- life cycle -----------------------------------------------------------

    def start(self):
        """Serve on the configured address; returns the :class:`Endpoints`."""
        # One port serves the APIs and every exporter target: a large
        # listen backlog keeps a Prometheus scraping 2,000 targets from
        # getting API clients' connections reset (cheroot's default is 5).
        server = cheroot_wsgi.Server(self._bind, self.app,
                                     numthreads=self._threads,
                                     server_name='emulated-cloud',
                                     request_queue_size=1024)
        server.requests = _DaemonThreadPool(server, min=self._threads)
        server.prepare()
        host, port = server.bind_addr[:2]
        self._server = server
        self._thread = threading.Thread(target=server.serve, daemon=True,
                                        name='emulated-cloud-http')
        self._thread.start()
        base = 'http://%s:%d' % (host, port)
        self.endpoints = Endpoints(
            base=base, identity=base + '/identity',
            compute=base + '/compute/v2.1', placement=base + '/placement',
            block_storage=base + '/volume/v3',
            baremetal=base + '/baremetal', exporter=base,
            admin=base + '/admin')
        return self.endpoints

    def stop(self):
        self.state.cancel_pending()
        if self._server is not None:
            self._server.stop()
            self._thread.join(timeout=10)
            self._server = None
        if self.notifier is not None:
            self.notifier.stop()

    def __enter__(self):
        if self.endpoints is None:
            self.start()
        return self

    def __exit__(self, *exc_info):
        self.stop()

    # -- conveniences for tests ---------------------------------------------

    def connection(self, username='admin', project='admin', **kwargs):
        """A real openstacksdk Connection with password auth against us."""
        import openstack.connection
        users = self.state.identity['users']
        return openstack.connection.Connection(
            auth={'auth_url': self.endpoints.identity, 'username': username,
                  'password': users[username]['password'],
                  'project_name': project, 'user_domain_name': 'Default',
                  'project_domain_name': 'Default'},
            auth_type='password', region_name=self.state.region, **kwargs)

    def where(self):
        """{server uuid: host name} of every server."""
        return self.state.placement_map()

    def set_load(self, mapping):
        """Same as ``PUT /admin/load``."""
        self.tracker.set_loads(mapping)

    def flush_notifications(self):
        if self.notifier is not None:
            self.notifier.flush()

    def watcher_conf_sections(self, user='watcher', project='service'):
        """{section: {option: value}} pointing Watcher at this cloud."""
        auth = {'auth_type': 'password', 'auth_url': self.endpoints.identity,
                'username': user,
                'password': self.state.identity['users'][user]['password'],
                'project_name': project, 'user_domain_name': 'Default',
                'project_domain_name': 'Default'}
        region = self.state.region
        sections = {'watcher_clients_auth': dict(auth)}
        for group in ('nova', 'placement', 'cinder'):
            sections[group] = {'region_name': region,
                               'valid_interfaces': 'public'}
        sections['ironic_client'] = {'region_name': region}
        sections['keystone_authtoken'] = dict(
            {'www_authenticate_uri': self.endpoints.identity}, **auth)
        return sections

    def watcher_conf(self, user='watcher', project='service'):
        """A watcher.conf snippet pointing Watcher at this cloud."""
        lines = []
        for section, values in self.watcher_conf_sections(
                user, project).items():
            lines.append('[%s]\n%s' % (section, ''.join(
                '%s = %s\n' % item for item in values.items())))
        lines.append(
            '# Without Keystone: in [nova], [placement] and [cinder] set\n'
            '# auth_type = none and endpoint_override = %s, %s and %s.\n'
            % (self.endpoints.compute, self.endpoints.placement,
               self.endpoints.block_storage))
        return '\n'.join(lines)
