"""Developer tools that are not part of the app's runtime: the typesetter that makes training and test pages."""
