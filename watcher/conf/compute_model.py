"""The [compute_model] group: optional fields of the compute model."""
from oslo_config import cfg

compute_model = cfg.OptGroup(name='compute_model',
                             title='Compute data model options')

COMPUTE_MODEL_OPTS = [
    cfg.BoolOpt('enable_extended_attributes',
                default=False,
                help='Collect the flavor extra specs and pinned '
                     'availability zone of every instance (extra Nova '
                     'calls; pinned AZ needs [nova] api_version >= 2.96).'),
]


def register_opts(conf):
    conf.register_group(compute_model)
    conf.register_opts(COMPUTE_MODEL_OPTS, group=compute_model)


def list_opts():
    return [(compute_model, COMPUTE_MODEL_OPTS)]
