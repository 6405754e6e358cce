"""Microversions of the v1 API.

One constant per minor version, each with a one-line changelog. Bump
``MINOR_MAX_VERSION`` and add a section to
``watcher/api/rest_api_version_history.rst`` for every new microversion.
"""

import enum

BASE_VERSION = 1


class VERSIONS(enum.IntEnum):
    # Rocky baseline: goals, strategies (+/state), audit templates, audits,
    # action plans (+/start), read-only actions, scoring engines, services.
    MINOR_0_ROCKY = 0
    # start_time/end_time accepted on POST /v1/audits, shown in audits.
    MINOR_1_START_END_TIMING = 1
    # force shown in audits.
    MINOR_2_FORCE = 2
    # GET /v1/data_model.
    MINOR_3_DATAMODEL = 3
    # POST /v1/webhooks/{audit_ident} and the webhooks link in GET /v1.
    MINOR_4_WEBHOOK_API = 4
    # PATCH /v1/actions/{uuid} (skip) and status_message on audits,
    # action plans and actions.
    MINOR_5_SKIPPED_ACTION = 5
    # server_pinned_az and server_flavor_extra_specs in the data model.
    MINOR_6_EXT_COMPUTE_MODEL = 6
    # default_parameters on audit templates, inherited by audits.
    MINOR_7_AUDIT_TEMPLATE_DEFAULT_PARAMS = 7


MINOR_MIN_VERSION = VERSIONS.MINOR_0_ROCKY
MINOR_MAX_VERSION = VERSIONS.MINOR_7_AUDIT_TEMPLATE_DEFAULT_PARAMS


def min_version_string():
    """The lowest microversion served, e.g. ``1.0``."""
    return '%d.%d' % (BASE_VERSION, MINOR_MIN_VERSION)


def max_version_string():
    """The highest microversion served, e.g. ``1.7``."""
    return '%d.%d' % (BASE_VERSION, MINOR_MAX_VERSION)
