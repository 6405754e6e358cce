"""The API reference samples are the API's real answers.

``tools/gen_api_samples.py`` regenerates every JSON sample from requests
to the in-process API; these tests fail when a committed sample no longer
matches what the API answers, when a sample is missing or left over, or
when the reference pages and the samples disagree.
"""

import importlib.util
import json
import os
import re
import shutil
import tempfile

import testtools

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.dirname(os.path.abspath(__file__)))))
API_REF = os.path.join(REPO_ROOT, 'api-ref', 'source')
SAMPLES_DIR = os.path.join(API_REF, 'samples')
INCLUDE_RE = re.compile(r'^\.\. literalinclude:: samples/(\S+)\s*$', re.M)


def _load_generator():
    path = os.path.join(REPO_ROOT, 'tools', 'gen_api_samples.py')
    spec = importlib.util.spec_from_file_location('gen_api_samples', path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _included_samples():
    """Sample names used by the api-ref pages, with the page using each."""
    used = {}
    for page in sorted(os.listdir(API_REF)):
        if page.endswith(('.inc', '.rst')):
            with open(os.path.join(API_REF, page), encoding='utf-8') as f:
                for name in INCLUDE_RE.findall(f.read()):
                    used.setdefault(name, page)
    return used


class TestApiSamples(testtools.TestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.generator = _load_generator()
        cls.samples = cls.generator.collect_samples()

    def test_committed_samples_are_the_api_answers(self):
        wrong = self.generator.differences(self.samples, SAMPLES_DIR)
        self.assertEqual([], wrong, 'run: python tools/gen_api_samples.py')

    def test_regenerated_samples_parse_like_the_committed_ones(self):
        for name, value in sorted(self.samples.items()):
            with open(os.path.join(SAMPLES_DIR, name),
                      encoding='utf-8') as sample_file:
                self.assertEqual(value, json.load(sample_file), name)

    def test_a_changed_sample_is_reported(self):
        tempdir = tempfile.mkdtemp(prefix='watcher-samples-')
        self.addCleanup(shutil.rmtree, tempdir)
        self.generator.write_samples(self.samples, tempdir)
        differences = self.generator.differences
        self.assertEqual([], differences(self.samples, tempdir))
        changed = dict(self.samples['goal-show-response.json'],
                       name='renamed')
        self.generator.write_samples({'goal-show-response.json': changed},
                                     tempdir)
        os.remove(os.path.join(tempdir, 'error-response.json'))
        with open(os.path.join(tempdir, 'stale.json'), 'w') as stale:
            stale.write('{}\n')
        self.assertEqual(['error-response.json', 'stale.json',
                          'goal-show-response.json'],
                         differences(self.samples, tempdir))

    def test_every_call_has_its_samples(self):
        for name, method, _path, body, _status in self.generator.CALLS:
            if body is not None:
                self.assertIn(name + '-request.json', self.samples)
            if method in ('GET', 'PATCH') or name.endswith('-create'):
                self.assertIn(name + '-response.json', self.samples)

    def test_pages_include_every_sample_and_only_samples(self):
        used = _included_samples()
        self.assertEqual(sorted(self.samples), sorted(used))

    def test_samples_use_the_fixed_clock_and_microversion(self):
        root = self.samples['versions-get-response.json']
        self.assertEqual('1.7', root['default_version']['max_version'])
        template = self.samples['audittemplate-show-response.json']
        self.assertEqual({'period': 3600}, template['default_parameters'])
        self.assertEqual('2026-08-01T10:00:00+00:00', template['created_at'])
        skipped = self.samples['action-skip-response.json']
        self.assertEqual('Action skipped by user. Reason: maintenance',
                         skipped['status_message'])
