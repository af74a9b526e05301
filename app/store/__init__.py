"""All SQL of Newsdesk: the project file, its schema and migrations, queries."""
