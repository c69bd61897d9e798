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
 * the names are made up. The sixth is a coordination number (day + 60).
 */
export const DEFAULT_TEST_PERSONS: readonly BankIdTestPerson[] = [
  { personalNumber: '198504129829', givenName: 'Anna', surname: 'Andersson', bankIdIssueDate: '2022-03-14' },
  { personalNumber: '198112289874', givenName: 'Erik', surname: 'Eriksson', bankIdIssueDate: '2021-11-02' },
  { personalNumber: '199206309842', givenName: 'Fatima', surname: 'Hassan', bankIdIssueDate: '2023-06-20' },
  { personalNumber: '197909179918', givenName: 'Johan', surname: 'Lindqvist', bankIdIssueDate: '2020-09-01' },
  { personalNumber: '200903219863', givenName: 'Maja', surname: 'Nilsson', bankIdIssueDate: '2024-04-05' },
  { personalNumber: '198408719881', givenName: 'Amira', surname: 'Yusuf', bankIdIssueDate: '2023-01-16' },
  // The demo staff of the development realm (infra/keycloak/realm-delaktig.json), same names.
  { personalNumber: '197803159826', givenName: 'Sara', surname: 'Lindqvist', bankIdIssueDate: '2022-08-30' },
  { personalNumber: '197111229915', givenName: 'Johan', surname: 'Bergström', bankIdIssueDate: '2021-05-12' },
  { personalNumber: '196906079840', givenName: 'Maria', surname: 'Nyström', bankIdIssueDate: '2023-02-07' },
  { personalNumber: '196302199937', givenName: 'Lars', surname: 'Holmberg', bankIdIssueDate: '2020-10-19' },
  { personalNumber: '198909049861', givenName: 'Emma', surname: 'Sjöberg', bankIdIssueDate: '2024-01-22' },
  { personalNumber: '197501289958', givenName: 'Anders', surname: 'Wikström', bankIdIssueDate: '2022-12-01' },
  { personalNumber: '198207119887', givenName: 'Karin', surname: 'Ekström', bankIdIssueDate: '2023-09-15' },
  { personalNumber: '195804309978', givenName: 'Per', surname: 'Åkesson', bankIdIssueDate: '2021-03-03' },
];
