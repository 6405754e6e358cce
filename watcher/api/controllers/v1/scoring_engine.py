"""``/v1/scoring_engines``: the scoring engines (read-only)."""

from pecan import rest
from wsme import types as wtypes
from wsmeext import pecan as wsme_pecan

from watcher.api.controllers import base
from watcher.api.controllers import link
from watcher.api.controllers.v1 import collection
from watcher.api.controllers.v1 import listing
from watcher.api.controllers.v1 import types
from watcher.api.controllers.v1 import utils as api_utils
from watcher import objects

SORT_KEYS = ('id', 'uuid', 'name', 'description', 'metainfo',
             'created_at', 'updated_at', 'deleted_at')
BRIEF_FIELDS = ('uuid', 'name', 'description', 'links')


class ScoringEngine(base.APIBase):
    """API representation of a scoring engine (never shows timestamps)."""

    uuid = types.uuid
    """Unique UUID of the scoring engine."""

    name = wtypes.text
    """The name of the scoring engine."""

    description = wtypes.text
    """A human readable description of the scoring engine."""

    metainfo = wtypes.text
    """Engine specific data (a string, often JSON)."""

    links = wtypes.wsattr([link.Link], readonly=True)
    """Self and bookmark links."""

    @classmethod
    def convert(cls, engine, detail=True):
        api_engine = cls(uuid=engine.uuid, name=engine.name,
                         description=engine.description,
                         metainfo=engine.metainfo)
        api_engine.links = link.self_and_bookmark(
            listing.host_url(), 'scoring_engines', engine.uuid)
        if not detail:
            api_engine.unset_fields_except(BRIEF_FIELDS)
        return api_engine


class ScoringEngineCollection(collection.Collection):
    """API representation of a collection of scoring engines."""

    scoring_engines = [ScoringEngine]
    _type = 'scoring_engines'


class ScoringEngineController(rest.RestController):
    """REST controller for scoring engines."""

    _custom_actions = {
        'detail': ['GET'],
    }

    def _get_collection(self, marker, limit, sort_key, sort_dir, detail,
                        resource_url='scoring_engines'):
        return listing.get_collection(
            obj_cls=objects.ScoringEngine,
            collection_cls=ScoringEngineCollection,
            convert=lambda e: ScoringEngine.convert(e, detail=detail),
            resource_url=resource_url, marker=marker, limit=limit,
            sort_key=sort_key, sort_dir=sort_dir, sort_keys=SORT_KEYS)

    @wsme_pecan.wsexpose(ScoringEngineCollection, wtypes.text,
                         int, wtypes.text, wtypes.text)
    def get_all(self, marker=None, limit=None, sort_key='id',
                sort_dir='asc'):
        """Retrieve a list of scoring engines."""
        api_utils.enforce('scoring_engine:get_all')
        return self._get_collection(marker, limit, sort_key, sort_dir,
                                    detail=False)

    @wsme_pecan.wsexpose(ScoringEngineCollection, wtypes.text,
                         int, wtypes.text, wtypes.text)
    def detail(self, marker=None, limit=None, sort_key='id',
               sort_dir='asc'):
        """Retrieve a list of scoring engines with detail."""
        api_utils.enforce('scoring_engine:detail')
        api_utils.check_parent('scoring_engines')
        return self._get_collection(marker, limit, sort_key, sort_dir,
                                    detail=True,
                                    resource_url='scoring_engines/detail')

    @wsme_pecan.wsexpose(ScoringEngine, wtypes.text)
    def get_one(self, scoring_engine):
        """Retrieve one scoring engine by id, uuid or name."""
        # NOTE: the reference checks this policy before the lookup.
        api_utils.enforce('scoring_engine:get')
        rpc_engine = api_utils.get_resource(objects.ScoringEngine,
                                            scoring_engine)
        return ScoringEngine.convert(rpc_engine)
