package graph

// UseAggregates switches the queries between the aggregate edges and the
// evidence, so that tests can compare the two.
var UseAggregates = &useAggregates
