"""GraphQL documents shared by the API tests."""

CREATE_PROJECT = """
mutation($input: CreateProjectInput!, $key: String) {
  createProject(input: $input, idempotencyKey: $key) {
    __typename
    ... on CreateProjectSuccess { project { id name description createdBy { email } } usage { id type amount objectId } }
    ... on Error { code message }
    ... on InsufficientCredits { creditType required remaining limit }
    ... on ValidationFailed { field }
  }
}
"""

CREATE_TASK = """
mutation($input: CreateTaskInput!, $key: String) {
  createTask(input: $input, idempotencyKey: $key) {
    __typename
    ... on CreateTaskSuccess { task { id title status project { id } } usage { id type amount objectId user { email } } }
    ... on Error { code message }
    ... on InsufficientCredits { creditType required remaining limit }
    ... on ValidationFailed { field }
  }
}
"""

LEDGER = """
query($first: Int, $after: String, $type: String) {
  creditUsages(first: $first, after: $after, type: $type) {
    edges { cursor node { id type amount objectId user { id email } createdAt } }
    pageInfo { hasNextPage endCursor }
  }
}
"""

SUMMARY = """
{ usageSummary { periodStart periodEnd used limit remaining byType { type used count } } }
"""

FEATURE = """
query($name: String!) { featureUsage(name: $name) { name title type enabled used limit remaining message } }
"""
