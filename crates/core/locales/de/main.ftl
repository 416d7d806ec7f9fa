test-plural = { $count ->
    [one] vor { $count } Stunde
   *[other] vor { $count } Stunden
}
