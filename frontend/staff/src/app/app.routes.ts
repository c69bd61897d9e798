import { Route } from '@angular/router';
import { QuestionnaireEditor } from './questionnaires/questionnaire-editor';
import { QuestionnaireList } from './questionnaires/questionnaire-list';
import { StartPage } from './start/start-page';
import { DistrictsPage } from './admin/districts-page';
import { StaffPage } from './admin/staff-page';

import { AlertsPage } from './casework/alerts-page';
import { AnswersPage } from './casework/answers-page';
import { ConversationPage } from './casework/conversation-page';

export const appRoutes: Route[] = [
  { path: '', component: StartPage, title: 'start.title' },
  { path: 'larm', component: AlertsPage, title: 'casework.alerts.title' },
  { path: 'invitations/:id', component: AnswersPage, title: 'casework.answers.title' },
  { path: 'invitations/:id/samtal', component: ConversationPage, title: 'casework.conversation.title' },
  { path: 'questionnaires', component: QuestionnaireList, title: 'questionnaires.title' },
  { path: 'questionnaires/:key/edit', component: QuestionnaireEditor, title: 'questionnaires.title', canDeactivate: [(c: QuestionnaireEditor) => c.confirmLeave()] },
  { path: 'questionnaires/:key/versions/:version', component: QuestionnaireEditor, title: 'questionnaires.title' },
  // Lazy: the charts library loads only with the statistics page.
  { path: 'statistics', loadComponent: () => import('./statistics/statistics-page').then((m) => m.StatisticsPage), title: 'statistics.pageTitle' },
  { path: 'logg', loadComponent: () => import('./audit/audit-review-page').then((m) => m.AuditReviewPage), title: 'auditReview.title' },
  { path: 'personal', component: StaffPage, title: 'admin.staff.title' },
  { path: 'stadsdelar', component: DistrictsPage, title: 'admin.districts.title' },
  { path: '**', redirectTo: '' },
];
