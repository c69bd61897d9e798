import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { API, flushMicrotasks, testProviders } from '../../testing/providers';
import { VersionLabels } from './version-labels';

describe('VersionLabels', () => {
  it('tells the version number of the questionnaire an invitation used, loading the list once', async () => {
    TestBed.configureTestingModule({ providers: testProviders() });
    const labels = TestBed.inject(VersionLabels);
    const backend = TestBed.inject(HttpTestingController);
    expect(labels.version('v-2')).toBeNull();
    expect(labels.version('v-1')).toBeNull();
    await flushMicrotasks();
    backend.expectOne(`${API}/questionnaires`).flush({
      items: [{ id: 't', key: 'default-6-11', ageBand: '6-11', name: { sv: '', en: '' }, latestPublished: null, versions: [{ id: 'v-2', version: 2 }, { id: 'v-1', version: 1 }] }],
    });
    expect(labels.version('v-2')).toBe(2);
    expect(labels.version(null)).toBeNull();
    backend.verify();
  });
});
