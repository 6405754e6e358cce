"""Catalogue synchronisation (watcher-sync and decision-engine start)."""
from watcher.common import context as watcher_context
from watcher.decision_engine import sync
from watcher import objects
from watcher.tests.unit.decision_engine import de_base


class TestSync(de_base.DecisionEngineTestCase):

    def names(self, object_class, context=None):
        return sorted(o.name for o in object_class.list(
            context or self.context))

    def test_catalogue_matches_the_plugins(self):
        self.assertEqual(sorted(sync.discover_goals()),
                         self.names(objects.Goal))
        self.assertEqual(10, len(self.names(objects.Goal)))
        self.assertEqual(sorted(sync.discover_strategies()),
                         self.names(objects.Strategy))
        self.assertEqual(['dummy_avg_scorer', 'dummy_max_scorer',
                          'dummy_min_scorer', 'dummy_scorer'],
                         self.names(objects.ScoringEngine))

    def test_rows_carry_the_plugin_definitions(self):
        goal = self.goal('server_consolidation')
        self.assertEqual('Server Consolidation', goal.display_name)
        self.assertEqual(['compute_nodes_count',
                          'released_compute_nodes_count',
                          'instance_migrations_count'],
                         [s['name'] for s in goal.efficacy_specification])
        strategy = self.strategy('host_maintenance')
        self.assertEqual('Host Maintenance Strategy', strategy.display_name)
        self.assertEqual(self.goal('cluster_maintaining').id,
                         strategy.goal_id)
        self.assertEqual(['maintenance_node'],
                         strategy.parameters_spec['required'])
        scorer = objects.ScoringEngine.get_by_name(self.context,
                                                   'dummy_scorer')
        self.assertEqual('Dummy workload classifier', scorer.description)
        self.assertIn('workloads', scorer.metainfo)

    def test_sync_again_keeps_the_rows(self):
        before = {g.name: g.uuid for g in objects.Goal.list(self.context)}
        strategies = {s.name: s.uuid
                      for s in objects.Strategy.list(self.context)}
        sync.Syncer(self.context).sync()
        self.assertEqual(before, {g.name: g.uuid for g in
                                  objects.Goal.list(self.context)})
        self.assertEqual(strategies, {s.name: s.uuid for s in
                                      objects.Strategy.list(self.context)})

    def test_changed_goal_replaces_rows_and_repoints_dependents(self):
        old_goal = self.goal('dummy')
        old_strategy = self.strategy('dummy')
        template = objects.AuditTemplate(
            self.context, name='tpl', goal_id=old_goal.id,
            strategy_id=old_strategy.id)
        template.create()
        pending = self.create_audit()
        done = self.create_audit(state='SUCCEEDED')
        plan = objects.ActionPlan(self.context, audit_id=done.id,
                                  strategy_id=old_strategy.id,
                                  state='RECOMMENDED')
        plan.create()
        # The goal definition changed (e.g. a new display name).
        old_goal.display_name = 'Old dummy goal'
        old_goal.save()

        sync.Syncer(self.context).sync()

        new_goal = self.goal('dummy')
        new_strategy = self.strategy('dummy')
        self.assertNotEqual(old_goal.uuid, new_goal.uuid)
        self.assertEqual('Dummy goal', new_goal.display_name)
        self.assertNotEqual(old_strategy.uuid, new_strategy.uuid)
        deleted = watcher_context.get_admin_context(show_deleted=True)
        self.assertTrue(objects.Goal.get_by_uuid(deleted,
                                                 old_goal.uuid).deleted_at)
        template = objects.AuditTemplate.get_by_name(self.context, 'tpl')
        self.assertEqual((new_goal.id, new_strategy.id),
                         (template.goal_id, template.strategy_id))
        pending = self.reload(pending)
        self.assertEqual(('CANCELLED', new_goal.id, new_strategy.id),
                         (pending.state, pending.goal_id,
                          pending.strategy_id))
        self.assertTrue(pending.status_message)
        done = self.reload(done)
        self.assertEqual(('SUCCEEDED', new_strategy.id),
                         (done.state, done.strategy_id))
        plan = self.reload(plan)
        self.assertEqual(('CANCELLED', new_strategy.id),
                         (plan.state, plan.strategy_id))

    def test_removed_strategy_and_goal(self):
        ghost_goal = objects.Goal(self.context, name='ghost_goal',
                                  display_name='Ghost',
                                  efficacy_specification=[])
        ghost_goal.create()
        ghost = objects.Strategy(self.context, name='ghost',
                                 display_name='Ghost',
                                 goal_id=self.goal('dummy').id)
        ghost.create()
        template = objects.AuditTemplate(
            self.context, name='tpl', goal_id=ghost_goal.id,
            strategy_id=ghost.id)
        template.create()
        audit = self.create_audit(strategy='ghost')
        goal_audit = self.create_audit(goal='ghost_goal', strategy=None,
                                       audit_type='CONTINUOUS',
                                       interval='60', state='ONGOING')
        plan = objects.ActionPlan(self.context, audit_id=audit.id,
                                  strategy_id=ghost.id, state='PENDING')
        plan.create()
        running = objects.ActionPlan(self.context, audit_id=audit.id,
                                     strategy_id=ghost.id, state='ONGOING')
        running.create()

        sync.Syncer(self.context).sync()

        self.assertNotIn('ghost', self.names(objects.Strategy))
        self.assertNotIn('ghost_goal', self.names(objects.Goal))
        template = objects.AuditTemplate.get_by_name(self.context, 'tpl')
        self.assertIsNone(template.strategy_id)
        self.assertEqual(ghost_goal.id, template.goal_id)
        self.assertEqual('CANCELLED', self.reload(audit).state)
        self.assertEqual('CANCELLED', self.reload(goal_audit).state)
        self.assertEqual('CANCELLED', self.reload(plan).state)
        self.assertEqual('ONGOING', self.reload(running).state)

    def test_changed_scoring_engine_is_replaced(self):
        scorer = objects.ScoringEngine.get_by_name(self.context,
                                                   'dummy_min_scorer')
        scorer.description = 'outdated'
        scorer.save()
        ghost = objects.ScoringEngine(self.context, name='ghost_scorer',
                                      description='x', metainfo='')
        ghost.create()
        sync.Syncer(self.context).sync()
        renewed = objects.ScoringEngine.get_by_name(self.context,
                                                    'dummy_min_scorer')
        self.assertNotEqual(scorer.uuid, renewed.uuid)
        self.assertEqual('Dummy Scorer calculating the minimum value',
                         renewed.description)
        self.assertNotIn('ghost_scorer', self.names(objects.ScoringEngine))


class TestConcurrentSync(de_base.DecisionEngineTestCase):

    def test_row_created_by_another_engine_is_adopted(self):
        # The other engine created the goal between our read and write.
        real_list = objects.Goal.list
        theirs = self.goal('dummy')
        theirs.soft_delete()
        created = objects.Goal(self.context, name='dummy',
                               display_name='Dummy goal',
                               efficacy_specification=[])
        created.create()
        calls = []

        def stale_list(cls, context, *args, **kwargs):
            calls.append(1)
            return [g for g in real_list(context, *args, **kwargs)
                    if g.name != 'dummy']
        self.patch(objects.Goal, 'list', classmethod(stale_list))
        syncer = sync.Syncer(self.context)
        syncer.sync()
        self.assertTrue(calls)
        self.assertEqual(created.uuid, self.goal('dummy').uuid)
