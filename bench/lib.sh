# bench/lib.sh: what bench/compare and bench/pandoc share: whole-process
# timing with GNU time, and medians, ranges and per-pair ratios of the
# figures. Sourced; $dir is the bench folder.

count() {
  case $1 in
    *M) echo $(( ${1%M} * 1000000 )) ;;
    *k) echo $(( ${1%k} * 1000 )) ;;
    *) echo "$1" ;;
  esac
}

# timed LABEL CMD...: runs CMD once, appending "seconds kib" to $dir/LABEL.
timed() {
  local label=$1; shift
  local t0=$EPOCHREALTIME
  /usr/bin/time -f %M -o "$dir/rss" "$@" >/dev/null
  local t1=$EPOCHREALTIME
  echo "$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.4f", b-a}') $(cat "$dir/rss")" >>"$dir/$label"
}

# stats FILE COLUMN: "median min max" of a column.
stats() {
  sort -g -k"$2","$2" "$1" | awk -v c="$2" '{v[NR]=$c} END{m=(NR%2)?v[(NR+1)/2]:(v[NR/2]+v[NR/2+1])/2; print m, v[1], v[NR]}'
}

secs() { awk -v s="$1" 'BEGIN{ if (s < 1) printf "%.0f ms", s*1000; else printf "%.2f s", s }'; }
mib() { awk -v k="$1" 'BEGIN{ if (k >= 1048576) printf "%.2f GiB", k/1048576; else printf "%.0f MiB", k/1024 }'; }

# ratios A B: the per-pair ratios of A's times to B's, as "median min max".
ratios() {
  paste -d' ' "$dir/$1" "$dir/$2" | awk '{print $1/$3}' >"$dir/ratio"
  stats "$dir/ratio" 1
}
