// slide.frag: the old image moves out while the new one enters from the opposite side.

vec4
transition (vec2 p)
{
  vec2 d = direction_vector ();
  vec2 in_from = p - d * progress;
  vec2 in_to = in_from + d;

  if (all (greaterThanEqual (in_from, vec2 (0.0))) && all (lessThanEqual (in_from, vec2 (1.0))))
    return from_at (in_from);
  return to_at (in_to);
}
