/** A fictional person who "has BankID" in the simulator. */
export interface BankIdTestPerson {
  /** 12 digits with a valid check digit. */
  personalNumber: string;
  givenName: string;
  surname: string;
  /** YYYY-MM-DD; defaults to 2023-01-16. */
  bankIdIssueDate?: string;
}

/**
 * Fictional test persons. The numbers follow the style of Skatteverket's test
 * personal numbers (birth numbers 980–999, correct gender digit and check digit);
 * the names are made up. The last one is a coordination number (day + 60).
 */
export const DEFAULT_TEST_PERSONS: readonly BankIdTestPerson[] = [
  { personalNumber: '198504129829', givenName: 'Anna', surname: 'Andersson', bankIdIssueDate: '2022-03-14' },
  { personalNumber: '198112289874', givenName: 'Erik', surname: 'Eriksson', bankIdIssueDate: '2021-11-02' },
  { personalNumber: '199206309842', givenName: 'Fatima', surname: 'Hassan', bankIdIssueDate: '2023-06-20' },
  { personalNumber: '197909179918', givenName: 'Johan', surname: 'Lindqvist', bankIdIssueDate: '2020-09-01' },
  { personalNumber: '200903219863', givenName: 'Maja', surname: 'Nilsson', bankIdIssueDate: '2024-04-05' },
  { personalNumber: '198408719881', givenName: 'Amira', surname: 'Yusuf', bankIdIssueDate: '2023-01-16' },
];
