// The dashboard's only script (inline, ~1.5 KB, no network): sorting the class table by any column and
// filtering it by name, total below a percentage, and a check not passed. Without it the page still
// shows everything; the filter form stays hidden until the script runs.
export const SCRIPT = `(()=>{
const table=document.getElementById("class"),body=table.tBodies[0],rows=[...body.rows];
const form=document.getElementById("filters"),shown=document.getElementById("shown");
form.hidden=false;
const apply=()=>{
 const field=n=>form.querySelector("[name="+n+"]").value;
 const name=field("name").trim().toLowerCase(),below=parseFloat(field("below")),check=field("check");
 let n=0;
 for(const r of rows){
  const ok=(!name||r.dataset.name.includes(name))&&(isNaN(below)||Number(r.dataset.pct)<below)&&(!check||r.dataset.failed.split(" ").includes(check));
  r.hidden=!ok;if(ok)n++;
 }
 shown.textContent=shown.dataset.text.replace("{n}",n).replace("{total}",rows.length);
};
form.addEventListener("input",apply);form.addEventListener("change",apply);
for(const button of table.tHead.querySelectorAll("button")){
 button.addEventListener("click",()=>{
  const th=button.closest("th"),col=th.cellIndex,up=th.getAttribute("aria-sort")!=="ascending";
  for(const h of table.tHead.querySelectorAll("th"))h.removeAttribute("aria-sort");
  th.setAttribute("aria-sort",up?"ascending":"descending");
  const key=r=>{const c=r.cells[col];return c.dataset.v!==undefined?Number(c.dataset.v):c.textContent.trim()};
  rows.sort((a,b)=>{const x=key(a),y=key(b),d=typeof x==="number"?x-y:x.localeCompare(y);return up?d:-d});
  for(const r of rows)body.appendChild(r);
 });
}
apply();
})();`;
