"""The GraphQL API: root Query / Mutation / Subscription, context and error mapping. Thin:
each resolver reads the context, calls one service and maps its result."""
