"""Foreign press: reporters, their visits (programme, deadlines, what they published), delegations
in and out, press conferences and briefings. `workdays` (pure) counts the working days."""
