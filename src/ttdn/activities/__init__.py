"""Activities that count as results: trainings, conferences, publications, billboard clusters,
exhibitions, competitions and awards, cultural exchanges; attached to plan tasks as evidence,
counted for the indicators and the compiled report; the month calendar and its iCalendar feed."""
