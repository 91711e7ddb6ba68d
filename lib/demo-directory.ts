/**
 * The demo company: the people of the product's seed stories plus enough colleagues to fill every
 * department. It is both the local OpenID Provider's directory (what the "company SSO" knows) and
 * the seed for the embedded database, so a demo user looks the same on both sides.
 */
export type DemoPerson = {
  email: string;
  name: string;
  department: string;
  title: string;
  /** IdP groups claim; "admins" and "managers" map to roles through AUTH_ADMIN_GROUP / AUTH_MANAGER_GROUP. */
  groups: string[];
  /** Former employees stay in the directory but are deactivated in the app. */
  active: boolean;
};

export const DEMO_DEPARTMENTS = ["Sales", "Customer Support", "Marketing", "Legal", "Engineering"] as const;

export const DEMO_ADMIN_GROUP = "admins";
export const DEMO_MANAGER_GROUP = "managers";

function person(
  first: string,
  last: string,
  department: (typeof DEMO_DEPARTMENTS)[number],
  title: string,
  groups: string[] = [],
  active = true,
): DemoPerson {
  return { email: `${first.toLowerCase()}@example.com`, name: `${first} ${last}`, department, title, groups, active };
}

export const DEMO_PEOPLE: DemoPerson[] = [
  person("Gillian", "Ward", "Sales", "SVP Sales", [DEMO_MANAGER_GROUP]),
  person("Sally", "Harper", "Sales", "Account Executive"),
  person("Marcus", "Bell", "Sales", "Sales Representative"),
  person("Diana", "Cruz", "Customer Support", "Support Lead", [DEMO_MANAGER_GROUP]),
  person("Spencer", "Lee", "Customer Support", "Support Agent"),
  person("Priya", "Shah", "Customer Support", "Support Agent"),
  person("Tom", "Becker", "Customer Support", "Support Agent (part-time)"),
  person("Olivia", "Grant", "Marketing", "Marketing Director", [DEMO_MANAGER_GROUP]),
  person("Raquel", "Santos", "Marketing", "Marketing Intern"),
  person("Nora", "Fischer", "Legal", "General Counsel", [DEMO_MANAGER_GROUP]),
  person("Ethan", "Moore", "Legal", "Paralegal"),
  person("Victor", "Okafor", "Engineering", "Engineering Manager", [DEMO_MANAGER_GROUP]),
  person("Alex", "Kim", "Engineering", "IT Administrator", [DEMO_ADMIN_GROUP]),
  person("Hannah", "Weber", "Engineering", "Software Engineer"),
  person("Frank", "Miller", "Sales", "Former Account Executive", [], false),
];

export function findDemoPerson(email: string): DemoPerson | undefined {
  const wanted = email.trim().toLowerCase();
  return DEMO_PEOPLE.find((p) => p.email === wanted);
}
