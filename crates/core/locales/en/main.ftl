test-plural = { $count ->
    [one] { $count } hour ago
   *[other] { $count } hours ago
}
