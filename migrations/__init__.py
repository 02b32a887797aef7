"""aerich migrations, shipped with the package so an installed copy can migrate."""
