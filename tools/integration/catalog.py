"""Register the integration cloud in Keystone, in one process.

Creates (or repairs) the ``service`` project, one service user per
component (``<name>`` / ``<name>pass``, except ``watcher`` whose password
is ``watcher`` as tools/keystone.sh sets it) with the ``admin`` and
``service`` roles, and one public/internal/admin endpoint triple per
service type. Idempotent and quick when nothing changed (a handful of
requests instead of ~70): missing users, roles and grants are added,
endpoints are replaced only when they differ.
The OS_* variables (admin-openrc) say which Keystone to talk to.

    python catalog.py type=url [type=url ...]
"""
import sys

import openstack

NAMES = {
    'compute': 'nova', 'placement': 'placement', 'image': 'glance',
    'network': 'neutron', 'alarming': 'aodh', 'metric-storage': 'prometheus',
    'infra-optim': 'watcher',
}
USERS = {'nova': 'novapass', 'placement': 'placementpass',
         'aodh': 'aodhpass', 'watcher': 'watcher'}


def ensure_users(idc):
    roles = {role.name: role for role in idc.roles()}
    for name in ('admin', 'service', 'member', 'reader'):
        if name not in roles:
            roles[name] = idc.create_role(name=name)
    project = idc.find_project('service', domain_id='default') or \
        idc.create_project(name='service', domain_id='default')
    users = {user.name: user for user in idc.users(domain_id='default')}
    granted = {(a.user['id'], a.role['id'])
               for a in idc.role_assignments(scope_project_id=project.id)
               if a.user}
    for name, password in sorted(USERS.items()):
        user = users.get(name)
        if user is None:
            user = idc.create_user(name=name, password=password,
                                   default_project_id=project.id,
                                   domain_id='default')
        for role in ('admin', 'service'):
            if (user.id, roles[role].id) not in granted:
                idc.assign_project_role_to_user(project, user, roles[role])


def ensure_endpoints(idc, services, endpoints, service_type, url):
    """Replace the endpoints of ``service_type`` unless already ``url``."""
    service = services.get(service_type) or idc.create_service(
        name=NAMES.get(service_type, service_type), type=service_type,
        enabled=True)
    current = [e for e in endpoints if e.service_id == service.id]
    wanted = {(i, url, 'RegionOne') for i in ('public', 'internal', 'admin')}
    if {(e.interface, e.url, e.region_id) for e in current} == wanted \
            and len(current) == 3:
        return
    for endpoint in current:
        idc.delete_endpoint(endpoint)
    for interface in ('public', 'internal', 'admin'):
        idc.create_endpoint(service_id=service.id, interface=interface,
                            url=url, region_id='RegionOne', enabled=True)


def main(argv):
    pairs = [arg.split('=', 1) for arg in argv]
    if not pairs or any(len(pair) != 2 for pair in pairs):
        sys.exit('usage: catalog.py type=url [type=url ...]')
    idc = openstack.connect().identity
    ensure_users(idc)
    services = {service.type: service for service in idc.services()}
    endpoints = list(idc.endpoints())
    for service_type, url in pairs:
        ensure_endpoints(idc, services, endpoints, service_type, url)
        print('%-15s %s' % (service_type, url))


if __name__ == '__main__':
    main(sys.argv[1:])
