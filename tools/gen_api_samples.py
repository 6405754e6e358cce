#!/usr/bin/env python3
"""Write the JSON samples of the API reference from real API responses.

The samples under ``api-ref/source/samples`` are never written by hand:
this script starts the API in-process on a temporary SQLite database (the
gabbi ``AuditFixture``: catalogue, audits, plans and actions), sends one
request per documented call at microversion 1.7 (the one that shows the
most fields) and writes each request body and response body as JSON.
The clock and the generated UUIDs are fixed so the output is the same on
every run; ``watcher/tests/functional/test_api_samples.py`` regenerates
the samples and compares them with the committed ones.

Usage::

    python tools/gen_api_samples.py [--output-dir DIR] [--check]
"""

import argparse
import datetime
import json
import os
import sys
from unittest import mock

import webob

HERE = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.dirname(HERE)
DEFAULT_OUTPUT_DIR = os.path.join(REPO_ROOT, 'api-ref', 'source', 'samples')

MICROVERSION = '1.7'
BASE_URL = 'http://127.0.0.1:9322'
FIXED_NOW = datetime.datetime(2026, 8, 1, 10, 0, 0)

# Fixed uuids of the fixture rows (watcher/tests/functional/fixtures).
GOAL_SERVER_CONSOLIDATION = 'a6e0f0a3-3c1e-4d1b-9a7b-000000000002'
STRATEGY_BASIC = 'b7e0f0a3-3c1e-4d1b-9a7b-000000000003'
SCORING_ENGINE = 'c8e0f0a3-3c1e-4d1b-9a7b-000000000001'
AUDIT_SUCCEEDED = 'd9e0f0a3-3c1e-4d1b-9a7b-000000000003'
PLAN_RECOMMENDED = 'e0e0f0a3-3c1e-4d1b-9a7b-000000000001'
PLAN_TO_CANCEL = 'e0e0f0a3-3c1e-4d1b-9a7b-000000000005'
PLAN_TO_START = 'e0e0f0a3-3c1e-4d1b-9a7b-000000000006'
ACTION_2 = 'f1e0f0a3-3c1e-4d1b-9a7b-000000000002'
ACTION_3 = 'f1e0f0a3-3c1e-4d1b-9a7b-000000000003'
MISSING_AUDIT = '5e5e5e5e-0000-4000-8000-000000000404'

TEMPLATE_NAME = 'consolidation-template'
TEMPLATE_REQUEST = {
    'name': TEMPLATE_NAME,
    'description': 'Consolidate the servers of zone nova',
    'goal': 'server_consolidation',
    'strategy': 'basic',
    'scope': [
        {'compute': [
            {'availability_zones': [{'name': 'nova'}]},
            {'exclude': [
                {'instances': [
                    {'uuid': '7bdb6ff7-4fa4-4e77-9f55-5e1ab1a4d0a5'}]}]}]},
    ],
    'default_parameters': {'period': 3600},
}
TEMPLATE_PATCH = [
    {'op': 'replace', 'path': '/description',
     'value': 'Consolidate the servers of zone nova every night'},
]
AUDIT_REQUEST = {
    'name': 'nightly-consolidation',
    'audit_type': 'CONTINUOUS',
    'audit_template_uuid': '$audittemplate-create.uuid',
    'interval': '0 2 * * *',
    'parameters': {'migration_attempts': 8},
    'auto_trigger': False,
    'start_time': '2026-08-02T00:00:00',
    'end_time': '2026-09-01T00:00:00',
}
AUDIT_PATCH = [
    {'op': 'replace', 'path': '/state', 'value': 'CANCELLED'},
]
PLAN_PATCH = [
    {'op': 'replace', 'path': '/state', 'value': 'CANCELLED'},
]
ACTION_PATCH = [
    {'op': 'replace', 'path': '/state', 'value': 'SKIPPED'},
    {'op': 'replace', 'path': '/status_message', 'value': 'maintenance'},
]

# (sample name, method, path, request body or None, expected status).
# Requests run in this order; the writes use rows of earlier steps. A
# body string ``$<sample name>.<key>`` stands for that key of the response
# of an earlier call.
CALLS = [
    ('versions-get', 'GET', '/', None, 200),
    ('api-v1-root', 'GET', '/v1', None, 200),
    ('goal-list', 'GET', '/v1/goals', None, 200),
    ('goal-list-detailed', 'GET', '/v1/goals/detail', None, 200),
    ('goal-show', 'GET', '/v1/goals/server_consolidation', None, 200),
    ('strategy-list', 'GET', '/v1/strategies', None, 200),
    ('strategy-list-detailed', 'GET', '/v1/strategies/detail', None, 200),
    ('strategy-show', 'GET', '/v1/strategies/' + STRATEGY_BASIC, None, 200),
    ('strategy-state', 'GET', '/v1/strategies/dummy/state', None, 200),
    ('audittemplate-create', 'POST', '/v1/audit_templates',
     TEMPLATE_REQUEST, 201),
    ('audittemplate-list', 'GET', '/v1/audit_templates', None, 200),
    ('audittemplate-list-detailed', 'GET', '/v1/audit_templates/detail',
     None, 200),
    ('audittemplate-show', 'GET', '/v1/audit_templates/' + TEMPLATE_NAME,
     None, 200),
    ('audittemplate-update', 'PATCH', '/v1/audit_templates/' + TEMPLATE_NAME,
     TEMPLATE_PATCH, 200),
    ('audit-create', 'POST', '/v1/audits', AUDIT_REQUEST, 201),
    ('audit-list', 'GET', '/v1/audits?limit=2', None, 200),
    ('audit-list-detailed', 'GET', '/v1/audits/detail?limit=2', None, 200),
    ('audit-show', 'GET', '/v1/audits/' + AUDIT_SUCCEEDED, None, 200),
    ('audit-update', 'PATCH', '/v1/audits/nightly-consolidation',
     AUDIT_PATCH, 200),
    ('actionplan-list', 'GET', '/v1/action_plans?limit=2', None, 200),
    ('actionplan-list-detailed', 'GET', '/v1/action_plans/detail?limit=2',
     None, 200),
    ('actionplan-show', 'GET', '/v1/action_plans/' + PLAN_RECOMMENDED, None,
     200),
    ('actionplan-start', 'POST', '/v1/action_plans/%s/start' % PLAN_TO_START,
     None, 200),
    ('actionplan-update', 'PATCH', '/v1/action_plans/' + PLAN_TO_CANCEL,
     PLAN_PATCH, 200),
    ('action-list', 'GET', '/v1/actions?action_plan_uuid=' + PLAN_RECOMMENDED,
     None, 200),
    ('action-list-detailed', 'GET',
     '/v1/actions/detail?action_plan_uuid=' + PLAN_RECOMMENDED, None, 200),
    ('action-show', 'GET', '/v1/actions/' + ACTION_2, None, 200),
    ('action-skip', 'PATCH', '/v1/actions/' + ACTION_3, ACTION_PATCH, 200),
    ('scoring_engine-list', 'GET', '/v1/scoring_engines', None, 200),
    ('scoring_engine-list-detailed', 'GET', '/v1/scoring_engines/detail',
     None, 200),
    ('scoring_engine-show', 'GET', '/v1/scoring_engines/' + SCORING_ENGINE,
     None, 200),
    ('service-list', 'GET', '/v1/services', None, 200),
    ('service-list-detailed', 'GET', '/v1/services/detail', None, 200),
    ('service-show', 'GET', '/v1/services/1', None, 200),
    ('datamodel-list', 'GET', '/v1/data_model?data_model_type=compute', None,
     200),
    ('error', 'GET', '/v1/audits/' + MISSING_AUDIT, None, 404),
]


class SampleError(Exception):
    """A request did not get the answer its sample documents."""


def _fixed_uuids():
    """A generator of distinct, stable UUIDs for rows created by the run."""
    counter = iter(range(1, 1000000))
    return lambda: '8d2c3b6e-52a1-4c3e-9f0a-%012d' % next(counter)


def _fixed_now(with_timezone=False):
    """``timeutils.utcnow`` stopped at ``FIXED_NOW``."""
    if with_timezone:
        return FIXED_NOW.replace(tzinfo=datetime.timezone.utc)
    return FIXED_NOW


def _resolve(body, responses):
    """The body with its ``$<sample>.<key>`` strings replaced."""
    if isinstance(body, dict):
        return {key: _resolve(value, responses)
                for key, value in body.items()}
    if isinstance(body, list):
        return [_resolve(value, responses) for value in body]
    if isinstance(body, str) and body.startswith('$'):
        sample, key = body[1:].rsplit('.', 1)
        return responses[sample][key]
    return body


def _call(app, method, path, body):
    request = webob.Request.blank(path, base_url=BASE_URL, method=method)
    request.headers['X-Roles'] = 'admin'
    request.headers['X-User-Id'] = 'admin-user'
    request.headers['X-Project-Id'] = 'admin-project'
    request.headers['OpenStack-API-Version'] = 'infra-optim ' + MICROVERSION
    request.headers['Accept'] = 'application/json'
    if body is not None:
        request.content_type = 'application/json'
        request.body = json.dumps(body).encode('utf-8')
    return request.get_response(app)


def collect_samples():
    """Run every call of ``CALLS``; return ``{file name: JSON value}``."""
    # Imported here so ``--help`` works without the test dependencies.
    from oslo_utils import timeutils
    from oslo_utils import uuidutils

    from watcher.tests.functional.fixtures import gabbits

    samples = {}
    fixture = gabbits.AuditFixture()
    with mock.patch.object(timeutils, 'utcnow', side_effect=_fixed_now):
        with mock.patch.object(uuidutils, 'generate_uuid',
                               side_effect=_fixed_uuids()):
            with fixture:
                app = gabbits.setup_app()
                responses = {}
                for name, method, path, body, status in CALLS:
                    body = _resolve(body, responses)
                    response = _call(app, method, path, body)
                    if response.status_int != status:
                        raise SampleError('%s %s answered %s (expected %d): '
                                          '%s' % (method, path,
                                                  response.status,
                                                  status, response.text))
                    if body is not None:
                        samples[name + '-request.json'] = body
                    if response.body:
                        responses[name] = response.json
                        samples[name + '-response.json'] = response.json
    return samples


def dump(value):
    """The text of one sample file (stable layout, trailing newline)."""
    return json.dumps(value, indent=4, ensure_ascii=False) + '\n'


def write_samples(samples, output_dir):
    os.makedirs(output_dir, exist_ok=True)
    for name in sorted(samples):
        with open(os.path.join(output_dir, name), 'w',
                  encoding='utf-8') as sample_file:
            sample_file.write(dump(samples[name]))


def differences(samples, output_dir):
    """Names of the samples missing, extra or different in output_dir."""
    present = set(n for n in os.listdir(output_dir) if n.endswith('.json'))
    wrong = sorted(present.symmetric_difference(samples))
    for name in sorted(present.intersection(samples)):
        with open(os.path.join(output_dir, name), encoding='utf-8') as f:
            if f.read() != dump(samples[name]):
                wrong.append(name)
    return wrong


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--output-dir', default=DEFAULT_OUTPUT_DIR)
    parser.add_argument('--check', action='store_true',
                        help='only compare with the samples of output-dir')
    args = parser.parse_args(argv)
    sys.path.insert(0, REPO_ROOT)
    samples = collect_samples()
    if args.check:
        wrong = differences(samples, args.output_dir)
        for name in wrong:
            print('out of date: %s' % name)
        return 1 if wrong else 0
    write_samples(samples, args.output_dir)
    print('%d samples written to %s' % (len(samples), args.output_dir))
    return 0


if __name__ == '__main__':
    sys.exit(main())
