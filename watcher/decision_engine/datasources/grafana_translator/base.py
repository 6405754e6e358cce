"""What a Grafana query translator receives and must provide."""
import abc

from watcher.common import exception


class BaseGrafanaTranslator(object, metaclass=abc.ABCMeta):
    """Builds one query and extracts its value.

    ``data`` holds ``metric``, ``db``, ``query``, ``attribute``,
    ``resource``, ``resource_type``, ``period``, ``aggregate`` and
    ``granularity``.
    """

    NAME = ''

    def __init__(self, data):
        self.data = data

    def resource_attribute(self):
        """The resource attribute the query names (attribute_map)."""
        attribute = self.data.get('attribute')
        resource = self.data['resource']
        if not attribute or not hasattr(resource, attribute):
            raise exception.InvalidParameter(message=(
                'Grafana metric %(metric)s: the resource has no attribute '
                '%(attr)r; set [grafana_client] attribute_map to one of its '
                'fields (e.g. hostname, uuid)' % {
                    'metric': self.data['metric'], 'attr': attribute}))
        return getattr(resource, attribute)

    @abc.abstractmethod
    def build_params(self):
        """Query-string parameters of the proxied request."""

    @abc.abstractmethod
    def extract_result(self, body):
        """The value in a decoded answer, or None."""
