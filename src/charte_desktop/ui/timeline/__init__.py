"""The plan's calendar (Gantt chart) of Plan d'actions."""
